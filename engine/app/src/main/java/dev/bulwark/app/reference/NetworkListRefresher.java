package dev.bulwark.app.reference;

import dev.bulwark.app.rules.RulesProperties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Polls the network lists' revisions so that a list an admin set on another node reaches this
 * node's rules within {@code bulwark.rules.reference-refresh}; one indexed read of two rows.
 */
@Component
class NetworkListRefresher implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(NetworkListRefresher.class);

  private final NetworkLists lists;
  private final RulesProperties properties;
  private ScheduledExecutorService executor;

  NetworkListRefresher(NetworkLists lists, RulesProperties properties) {
    this.lists = lists;
    this.properties = properties;
  }

  @Override
  public void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "bulwark-network-lists");
              thread.setDaemon(true);
              return thread;
            });
    long every = properties.getReferenceRefresh().toMillis();
    executor.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    try {
      lists.refresh();
    } catch (RuntimeException e) {
      LOG.warn("BULWARK-3033 network list refresh failed: {}", e.toString());
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
