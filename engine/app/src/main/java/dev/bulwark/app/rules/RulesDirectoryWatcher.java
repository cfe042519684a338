package dev.bulwark.app.rules;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reloads the rules when a file in {@code bulwark.rules.dir} changes. Polls a fingerprint (names,
 * sizes, times) rather than using a file-system watch service, which misses changes on network and
 * container-mounted folders.
 */
@Component
class RulesDirectoryWatcher implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(RulesDirectoryWatcher.class);

  private final LiveRules rules;
  private final RulesProperties properties;
  private ScheduledExecutorService executor;
  private volatile String fingerprint;

  RulesDirectoryWatcher(LiveRules rules, RulesProperties properties) {
    this.rules = rules;
    this.properties = properties;
  }

  @Override
  public void start() {
    if (properties.getDir() == null) {
      return;
    }
    fingerprint = rules.directoryFingerprint();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "bulwark-rules-watcher");
              thread.setDaemon(true);
              return thread;
            });
    long every = properties.getWatchInterval().toMillis();
    executor.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    LOG.info("BULWARK-3003 watching {} for rule changes", properties.getDir().toAbsolutePath());
  }

  private void check() {
    try {
      String now = rules.directoryFingerprint();
      if (!now.equals(fingerprint)) {
        fingerprint = now;
        rules.reload();
      }
    } catch (RuntimeException e) {
      LOG.warn("BULWARK-3004 rules directory check failed: {}", e.toString());
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
