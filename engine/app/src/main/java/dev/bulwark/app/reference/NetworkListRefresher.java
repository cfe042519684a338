package dev.bulwark.app.reference;

import dev.bulwark.app.config.PeriodicTask;
import dev.bulwark.app.rules.RulesProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Polls the network lists' revisions so that a list an admin set on another node reaches this
 * node's rules within {@code bulwark.rules.reference-refresh}; one indexed read of two rows.
 */
@Component
class NetworkListRefresher extends PeriodicTask {

  private static final Logger LOG = LoggerFactory.getLogger(NetworkListRefresher.class);

  private final NetworkLists lists;
  private final RulesProperties properties;

  NetworkListRefresher(NetworkLists lists, RulesProperties properties) {
    super("bulwark-network-lists");
    this.lists = lists;
    this.properties = properties;
  }

  @Override
  protected Duration interval() {
    return properties.getReferenceRefresh();
  }

  @Override
  protected void runOnce() {
    lists.refresh();
  }

  @Override
  protected void failed(RuntimeException e) {
    LOG.warn("BULWARK-3033 network list refresh failed: {}", e.toString());
  }
}
