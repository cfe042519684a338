package dev.bulwark.app.risk;

import dev.bulwark.app.config.PeriodicTask;
import dev.bulwark.app.rules.RulesProperties;
import dev.bulwark.core.risk.RiskPolicy;
import dev.bulwark.core.risk.RiskSignalPruner;
import dev.bulwark.core.risk.RiskStore;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs {@link RiskSignalPruner} every {@code bulwark.rules.risk.prune.interval} on every node.
 * Nodes need not take turns: each batch is one {@code DELETE} of rows that are still there, so two
 * nodes pruning at once only share the work.
 */
@Component
class RiskPruning extends PeriodicTask {

  private static final Logger LOG = LoggerFactory.getLogger(RiskPruning.class);

  private final RiskSignalPruner pruner;
  private final RulesProperties.Prune properties;

  RiskPruning(RiskStore risks, RiskPolicy policy, RulesProperties properties, Clock clock) {
    super("bulwark-risk-pruning");
    this.properties = properties.getRisk().getPrune();
    this.pruner =
        new RiskSignalPruner(
            risks, policy, this.properties.getMargin(), this.properties.getBatchSize(), clock);
  }

  @Override
  protected Duration interval() {
    return properties.getInterval();
  }

  @Override
  public void start() {
    if (interval().toMillis() <= 0) {
      LOG.info("BULWARK-3040 risk signal pruning is off (bulwark.rules.risk.prune.interval 0)");
    }
    super.start();
  }

  @Override
  protected void runOnce() {
    long deleted = pruner.prune();
    if (deleted > 0) {
      LOG.info(
          "BULWARK-3041 pruned {} risk signals older than the risk window plus {}",
          deleted,
          properties.getMargin());
    }
  }

  @Override
  protected void failed(RuntimeException e) {
    LOG.warn("BULWARK-3042 risk signal pruning failed: {}", e.toString());
  }
}
