package dev.bulwark.connectors.crowdstrike;

import dev.bulwark.connectors.support.ConnectorPolicy;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CrowdStrike Falcon network containment: {@code ISOLATE_HOST} contains the host (only the Falcon
 * cloud can still reach it), {@code RELEASE_HOST} lifts the containment. The target is the
 * hostname.
 */
public final class CrowdStrikeHostRoutes extends ProviderRoutes {

  private static final Logger log = LoggerFactory.getLogger(CrowdStrikeHostRoutes.class);

  private final FalconHosts hosts;

  public CrowdStrikeHostRoutes(CrowdStrikeSettings settings, Set<ActionType> actions) {
    super(
        CrowdStrikeSettings.PROVIDER,
        actions,
        new ConnectorPolicy(CrowdStrikeSettings.PROVIDER, settings.policy()),
        settings.dryRun());
    this.hosts = new FalconHosts(settings);
  }

  @Override
  protected Set<ActionType> supported() {
    return EnumSet.of(ActionType.ISOLATE_HOST, ActionType.RELEASE_HOST);
  }

  @Override
  protected ActionResult perform(ActionRequest request) {
    boolean isolate = request.type() == ActionType.ISOLATE_HOST;
    String host = request.target();
    String id = hosts.deviceId(host);
    String status = hosts.containmentStatus(id);
    boolean already =
        isolate
            ? status.equals("contained") || status.equals("containment_pending")
            : status.equals("normal") || status.equals("lift_containment_pending");
    if (already) {
      return unchanged(
          host + " was already " + (isolate ? "contained" : "released") + " (" + status + ")");
    }
    hosts.action(id, isolate ? "contain" : "lift_containment");
    log.info("BULWARK-5401 crowdstrike {} {} ({})", isolate ? "contained" : "released", host, id);
    return done(
        (isolate ? "contained " : "lifted containment of ") + host + " (device " + id + ")");
  }

  /**
   * A host in the state the action asks for is taken as the action carried out: Falcon's device
   * record does not say who contained it, and a crashed node's claim is minutes old at most.
   */
  @Override
  protected Optional<ActionResult> find(ActionRequest request) {
    boolean isolate = request.type() == ActionType.ISOLATE_HOST;
    String host = request.target();
    String id = hosts.deviceId(host);
    String status = hosts.containmentStatus(id);
    boolean inPlace =
        isolate
            ? status.equals("contained") || status.equals("containment_pending")
            : status.equals("normal") || status.equals("lift_containment_pending");
    if (!inPlace) {
      return Optional.empty();
    }
    return Optional.of(
        done(
            (isolate ? "contained " : "lifted containment of ")
                + host
                + " (device "
                + id
                + ", found "
                + status
                + " after a restart)"));
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
