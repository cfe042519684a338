package dev.bulwark.connectors.crowdstrike;

import dev.bulwark.connectors.support.HostContainmentRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionType;
import java.util.Set;

/**
 * CrowdStrike Falcon network containment: {@code ISOLATE_HOST} contains the host (only the Falcon
 * cloud can still reach it), {@code RELEASE_HOST} lifts the containment. The target is the
 * hostname.
 */
public final class CrowdStrikeHostRoutes extends HostContainmentRoutes {

  private final FalconHosts hosts;

  public CrowdStrikeHostRoutes(CrowdStrikeSettings settings, Set<ActionType> actions) {
    super(CrowdStrikeSettings.PROVIDER, actions, settings.policy(), settings.dryRun());
    this.hosts = new FalconHosts(settings);
  }

  @Override
  protected Host find(String hostname) {
    String id = hosts.deviceId(hostname);
    String status = hosts.containmentStatus(id);
    Containment containment =
        switch (status) {
          case "contained" -> Containment.ISOLATED;
          case "containment_pending" -> Containment.ISOLATING;
          case "lift_containment_pending" -> Containment.RELEASING;
          default -> Containment.RELEASED;
        };
    return new Host(hostname, id, containment, status);
  }

  @Override
  protected void isolate(Host host, ActionRequest request) {
    hosts.action(host.id(), "contain");
  }

  @Override
  protected void release(Host host, ActionRequest request) {
    hosts.action(host.id(), "lift_containment");
  }

  @Override
  protected String isolatedWord() {
    return "contained";
  }

  @Override
  protected String idKind() {
    return "device";
  }

  @Override
  public void probe() {
    if (!dryRun()) {
      hosts.probe();
    }
  }

  public int tokenFetches() {
    return hosts.tokenFetches();
  }
}
