package dev.bulwark.connectors.simulate;

import dev.bulwark.connectors.ActionEndpoints;
import dev.bulwark.connectors.CamelActionProvider.SimulatedProviderName;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;

/**
 * Simulate mode: one route per action that calls nothing outside and answers what it would have
 * done. The ledger records the answer as SIMULATED, so a new user sees every step a playbook takes
 * without touching a real account or host. What it simulated is kept on a {@link SimulatedTarget},
 * which answers {@link #lookup} after a crash the way a real system's state would.
 */
public final class SimulatedActionRoutes extends RouteBuilder {

  private final Set<ActionType> simulated;
  private final SimulatedTarget target;

  /** Routes for the given actions; the others are served by real providers' route groups. */
  public SimulatedActionRoutes(Set<ActionType> simulated) {
    this(simulated, new InMemorySimulatedTarget());
  }

  /** As above, recording what was simulated in {@code target} so that it can be looked up. */
  public SimulatedActionRoutes(Set<ActionType> simulated, SimulatedTarget target) {
    this.simulated = Set.copyOf(simulated);
    this.target = target;
  }

  @Override
  public void configure() {
    for (ActionType type : simulated) {
      from(ActionEndpoints.of(type))
          .routeId("simulate-" + type.name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .process(
              exchange -> {
                ActionRequest request = exchange.getMessage().getBody(ActionRequest.class);
                exchange.getMessage().setBody(perform(request));
              });
    }
  }

  /** Simulates the request and records it on the simulated target. */
  public ActionResult perform(ActionRequest request) {
    ActionResult result = simulate(request);
    target.applied(request, result);
    return result;
  }

  /**
   * Whether the simulated target shows this request carried out (see {@code
   * ActionProvider.lookup}): answered from what {@link #perform} recorded, as a real system would
   * answer from its own state.
   */
  public Optional<ActionResult> lookup(ActionRequest request) {
    return target
        .find(request.idempotencyKey())
        .map(r -> new ActionResult(r.status(), r.provider(), r.detail(), true));
  }

  static ActionResult simulate(ActionRequest request) {
    String detail = "simulated: would " + verb(request.type()) + " " + request.target();
    return new ActionResult(ActionStatus.SIMULATED, SimulatedProviderName.NAME, detail, false);
  }

  private static String verb(ActionType type) {
    return switch (type) {
      case DISABLE_ACCOUNT -> "disable account";
      case ENABLE_ACCOUNT -> "enable account";
      case REVOKE_SESSIONS -> "revoke the sessions and tokens of";
      case ISOLATE_HOST -> "isolate host";
      case RELEASE_HOST -> "release host";
      case REMOVE_MFA -> "remove the MFA methods of";
      case NOTIFY -> "notify";
      case OPEN_TICKET -> "open a ticket for";
      case RECORD_EVIDENCE -> "record the evidence of";
    };
  }
}
