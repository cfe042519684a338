package dev.bulwark.app.rules;

import dev.bulwark.app.config.PeriodicTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reloads the rules when a file in {@code bulwark.rules.dir} changes. Polls a fingerprint (names,
 * sizes, times) rather than using a file-system watch service, which misses changes on network and
 * container-mounted folders.
 */
@Component
class RulesDirectoryWatcher extends PeriodicTask {

  private static final Logger LOG = LoggerFactory.getLogger(RulesDirectoryWatcher.class);

  private final LiveRules rules;
  private final RulesProperties properties;
  private volatile String fingerprint;

  RulesDirectoryWatcher(LiveRules rules, RulesProperties properties) {
    super("bulwark-rules-watcher");
    this.rules = rules;
    this.properties = properties;
  }

  /** Nothing to watch without an external rules directory. */
  @Override
  protected Duration interval() {
    return properties.getDir() == null ? Duration.ZERO : properties.getWatchInterval();
  }

  @Override
  protected void starting() {
    fingerprint = rules.directoryFingerprint();
    LOG.info("BULWARK-3003 watching {} for rule changes", properties.getDir().toAbsolutePath());
  }

  @Override
  protected void runOnce() {
    String now = rules.directoryFingerprint();
    if (!now.equals(fingerprint)) {
      fingerprint = now;
      rules.reload();
    }
  }

  @Override
  protected void failed(RuntimeException e) {
    LOG.warn("BULWARK-3004 rules directory check failed: {}", e.toString());
  }
}
