package dev.bulwark.connectors;

import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionFailedException;
import dev.bulwark.core.action.ActionProvider;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each action to its Camel endpoint, where the route group of the configured provider
 * performs it. Which provider serves which action is configuration; simulate serves them all by
 * default.
 */
public final class CamelActionProvider implements ActionProvider {

  private static final Logger log = LoggerFactory.getLogger(CamelActionProvider.class);

  private final ProducerTemplate producer;
  private final Map<ActionType, String> providers;
  private final List<ProviderRoutes> groups;
  private final Function<ActionRequest, Optional<ActionResult>> simulatedLookup;

  public CamelActionProvider(ProducerTemplate producer, Map<ActionType, String> providers) {
    this(producer, providers, List.of(), request -> Optional.empty());
  }

  /**
   * With the route groups themselves, so that {@link #lookup} can ask the target's state; a lookup
   * is a read, not an action, so it does not travel through the action endpoints.
   *
   * @param simulatedLookup how simulate mode answers {@link #lookup}: from what it recorded
   */
  public CamelActionProvider(
      ProducerTemplate producer,
      Map<ActionType, String> providers,
      Collection<? extends ProviderRoutes> groups,
      Function<ActionRequest, Optional<ActionResult>> simulatedLookup) {
    this.producer = producer;
    this.providers = Map.copyOf(providers);
    this.groups = List.copyOf(groups);
    this.simulatedLookup = simulatedLookup;
  }

  @Override
  public String name(ActionType type) {
    return providers.getOrDefault(type, SimulatedProviderName.NAME);
  }

  @Override
  public ActionResult perform(ActionRequest request) {
    try {
      return producer.requestBody(ActionEndpoints.of(request.type()), request, ActionResult.class);
    } catch (CamelExecutionException e) {
      throw failed(request, e);
    }
  }

  /**
   * Asks the group serving the action whether the target already is as requested. A provider that
   * cannot be asked right now answers empty: the action is then performed, and it reads the state
   * itself first, so its failure is recorded in the ledger instead of being lost here.
   */
  @Override
  public Optional<ActionResult> lookup(ActionRequest request) {
    String name = name(request.type());
    if (name.equals(SimulatedProviderName.NAME)) {
      return simulatedLookup.apply(request);
    }
    for (ProviderRoutes group : groups) {
      if (group.provider().equals(name) && group.actions().contains(request.type())) {
        try {
          return group.lookup(request);
        } catch (ConnectorFailure e) {
          log.warn(
              "BULWARK-5003 {} lookup of {} {} failed ({}); performing it again",
              name,
              request.type(),
              request.target(),
              e.kind());
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static ActionFailedException failed(ActionRequest request, CamelExecutionException e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    if (cause instanceof ActionFailedException failed) {
      return failed;
    }
    return new ActionFailedException(
        request.type() + " on " + request.target() + " failed: " + cause.getMessage(), true, cause);
  }

  /** The name simulate mode records in the ledger. */
  public static final class SimulatedProviderName {
    public static final String NAME = "simulate";

    private SimulatedProviderName() {}
  }
}
