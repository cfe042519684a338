package dev.bulwark.app.risk;

import dev.bulwark.app.rules.RulesProperties;
import dev.bulwark.core.risk.RiskPolicy;
import dev.bulwark.core.risk.RiskSignalPruner;
import dev.bulwark.core.risk.RiskStore;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link RiskSignalPruner} every {@code bulwark.rules.risk.prune.interval} on every node.
 * Nodes need not take turns: each batch is one {@code DELETE} of rows that are still there, so two
 * nodes pruning at once only share the work.
 */
@Component
class RiskPruning implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(RiskPruning.class);

  private final RiskSignalPruner pruner;
  private final RulesProperties.Prune properties;
  private ScheduledExecutorService executor;

  RiskPruning(RiskStore risks, RiskPolicy policy, RulesProperties properties, Clock clock) {
    this.properties = properties.getRisk().getPrune();
    this.pruner =
        new RiskSignalPruner(
            risks, policy, this.properties.getMargin(), this.properties.getBatchSize(), clock);
  }

  @Override
  public void start() {
    long every = properties.getInterval().toMillis();
    if (every <= 0) {
      LOG.info("BULWARK-3040 risk signal pruning is off (bulwark.rules.risk.prune.interval 0)");
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "bulwark-risk-pruning");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(this::prune, every, every, TimeUnit.MILLISECONDS);
  }

  private void prune() {
    try {
      long deleted = pruner.prune();
      if (deleted > 0) {
        LOG.info(
            "BULWARK-3041 pruned {} risk signals older than the risk window plus {}",
            deleted,
            properties.getMargin());
      }
    } catch (RuntimeException e) {
      LOG.warn("BULWARK-3042 risk signal pruning failed: {}", e.toString());
    }
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
