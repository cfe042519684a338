package dev.bulwark.connectors.simulate;

import dev.bulwark.connectors.ActionEndpoints;
import dev.bulwark.connectors.CamelActionProvider.SimulatedProviderName;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;

/**
 * Simulate mode: one route per action that calls nothing outside and answers what it would have
 * done. The ledger records the answer as SIMULATED, so a new user sees every step a playbook takes
 * without touching a real account or host.
 */
public final class SimulatedActionRoutes extends RouteBuilder {

  private final Set<ActionType> simulated;

  /** Routes for the given actions; the others are served by real providers' route groups. */
  public SimulatedActionRoutes(Set<ActionType> simulated) {
    this.simulated = Set.copyOf(simulated);
  }

  @Override
  public void configure() {
    for (ActionType type : simulated) {
      from(ActionEndpoints.of(type))
          .routeId("simulate-" + type.name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .process(
              exchange -> {
                ActionRequest request = exchange.getMessage().getBody(ActionRequest.class);
                // Nothing was done outside, so a lookup finds nothing and the step simulates again.
                exchange
                    .getMessage()
                    .setBody(
                        ActionEndpoints.isLookup(exchange.getMessage()) ? null : simulate(request));
              });
    }
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
