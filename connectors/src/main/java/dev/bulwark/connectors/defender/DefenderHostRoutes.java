package dev.bulwark.connectors.defender;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.connectors.support.HostContainmentRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionType;
import java.util.Optional;
import java.util.Set;

/**
 * Microsoft Defender for Endpoint device isolation: {@code ISOLATE_HOST} isolates the machine
 * (fully or selectively), {@code RELEASE_HOST} releases it. The target is the machine's {@code
 * computerDnsName}. The machine entity does not say whether it is isolated, so its latest isolation
 * action does.
 */
public final class DefenderHostRoutes extends HostContainmentRoutes {

  private final DefenderSettings settings;
  private final DefenderMachines machines;

  public DefenderHostRoutes(DefenderSettings settings, Set<ActionType> actions) {
    super(DefenderSettings.PROVIDER, actions, settings.policy(), settings.dryRun());
    this.settings = settings;
    this.machines = new DefenderMachines(settings);
  }

  @Override
  protected Host find(String hostname) {
    String id = machines.machineId(hostname);
    Optional<JsonNode> last = machines.lastIsolationAction(id);
    if (last.isEmpty()) {
      return new Host(hostname, id, Containment.RELEASED, "never isolated");
    }
    boolean isolate = last.get().path("type").asText().equals("Isolate");
    String status = last.get().path("status").asText();
    boolean finished = status.equals("Succeeded");
    Containment containment =
        isolate
            ? (finished ? Containment.ISOLATED : Containment.ISOLATING)
            : (finished ? Containment.RELEASED : Containment.RELEASING);
    return new Host(hostname, id, containment, last.get().path("type").asText() + " " + status);
  }

  @Override
  protected void isolate(Host host, ActionRequest request) {
    machines.action(host.id(), "isolate", comment(request), settings.isolationType());
  }

  @Override
  protected void release(Host host, ActionRequest request) {
    machines.action(host.id(), "unisolate", comment(request), null);
  }

  @Override
  protected String idKind() {
    return "machine";
  }

  @Override
  public void probe() {
    if (!dryRun()) {
      machines.probe();
    }
  }

  public int tokenFetches() {
    return machines.tokenFetches();
  }

  /** Shown in the Defender portal's action center beside the action. */
  private static String comment(ActionRequest request) {
    return "Bulwark incident " + request.incidentId() + ": " + request.type();
  }
}
