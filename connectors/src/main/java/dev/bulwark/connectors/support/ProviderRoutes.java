package dev.bulwark.connectors.support;

import dev.bulwark.connectors.ActionEndpoints;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;

/**
 * The route group of one outside system: one route per action it serves, all under the group's
 * single {@link ConnectorPolicy}. In dry-run the routes answer what they would have done and call
 * nothing.
 */
public abstract class ProviderRoutes extends RouteBuilder {

  private final String provider;
  private final Set<ActionType> actions;
  private final ConnectorPolicy policy;
  private final boolean dryRun;

  protected ProviderRoutes(
      String provider, Set<ActionType> actions, ConnectorPolicy policy, boolean dryRun) {
    Set<ActionType> unsupported = EnumSet.copyOf(actions);
    unsupported.removeAll(supported());
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException(
          "provider "
              + provider
              + " cannot perform "
              + unsupported
              + "; it performs "
              + supported());
    }
    this.provider = provider;
    this.actions = Set.copyOf(actions);
    this.policy = policy;
    this.dryRun = dryRun;
  }

  /** The actions this provider can perform at all. */
  protected abstract Set<ActionType> supported();

  /** Performs one action against the provider; throws {@link ConnectorFailure} on failure. */
  protected abstract ActionResult perform(ActionRequest request);

  /** A cheap call that proves the provider is reachable and the credentials work. */
  public abstract void probe();

  @Override
  public final void configure() {
    // The group's ConnectorPolicy is its only error policy: Camel neither redelivers nor logs the
    // failure a second time; it reaches the caller (the ledger, then the playbook) as thrown.
    errorHandler(noErrorHandler());
    for (ActionType type : actions) {
      from(ActionEndpoints.of(type))
          .routeId(provider + "-" + type.name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .process(
              exchange -> {
                ActionRequest request = exchange.getMessage().getBody(ActionRequest.class);
                exchange.getMessage().setBody(handle(request));
              });
    }
  }

  /** What the route does with a request; public so the group can be exercised without Camel. */
  public ActionResult handle(ActionRequest request) {
    if (dryRun) {
      return new ActionResult(
          ActionStatus.SIMULATED,
          provider,
          "dry-run: " + provider + " would " + request.type() + " " + request.target(),
          false);
    }
    return policy.execute(request.type() + " " + request.target(), () -> perform(request));
  }

  /**
   * Whether the target shows this request carried out, for a ledger entry a crashed node left
   * PENDING (see {@code ActionProvider.lookup}). In dry-run nothing was ever carried out.
   */
  public Optional<ActionResult> lookup(ActionRequest request) {
    if (dryRun) {
      return Optional.empty();
    }
    return policy.execute(
        "look up " + request.type() + " " + request.target(), () -> find(request));
  }

  /**
   * Asks the provider whether the request's change is in place; empty when it cannot tell (the
   * default), in which case the action is performed again.
   */
  protected Optional<ActionResult> find(ActionRequest request) {
    return Optional.empty();
  }

  public String provider() {
    return provider;
  }

  public Set<ActionType> actions() {
    return actions;
  }

  public boolean dryRun() {
    return dryRun;
  }

  public ConnectorPolicy policy() {
    return policy;
  }

  protected ActionResult done(String detail) {
    return new ActionResult(ActionStatus.DONE, provider, detail, false);
  }

  /** The target already was as asked; recorded so that a rollback leaves it that way. */
  protected ActionResult unchanged(String detail) {
    return new ActionResult(ActionStatus.UNCHANGED, provider, detail, false);
  }
}
