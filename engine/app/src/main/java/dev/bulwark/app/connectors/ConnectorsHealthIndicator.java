package dev.bulwark.app.connectors;

import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.ConnectorStatus;
import dev.bulwark.connectors.support.ProviderRoutes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code connectors} in {@code /actuator/health}: for each real provider, whether a cheap call (a
 * token, a bind, an SMTP greeting) works now, its circuit, dry-run, and its last failure. Down when
 * any provider cannot be reached or its circuit is open; simulate-only is up.
 */
final class ConnectorsHealthIndicator extends AbstractHealthIndicator {

  private final ProviderRouteGroups groups;

  ConnectorsHealthIndicator(ProviderRouteGroups groups) {
    super("connector health check failed");
    this.groups = groups;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean up = true;
    for (ProviderRoutes group : groups.groups()) {
      ConnectorStatus status = group.policy().status();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("actions", group.actions());
      details.put("dryRun", group.dryRun());
      details.put("circuit", status.circuit());
      try {
        group.probe();
        details.put("reachable", true);
      } catch (ConnectorFailure e) {
        details.put("reachable", false);
        details.put("error", e.getMessage());
        up = false;
      }
      if (status.lastFailure() != null) {
        details.put("lastFailure", status.lastFailure());
      }
      up &= status.available();
      builder.withDetail(group.provider(), details);
    }
    if (groups.groups().isEmpty()) {
      builder.withDetail("mode", "every action simulated");
    }
    if (up) {
      builder.up();
    } else {
      builder.down();
    }
  }
}
