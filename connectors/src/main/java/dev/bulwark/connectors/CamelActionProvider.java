package dev.bulwark.connectors;

import dev.bulwark.core.action.ActionFailedException;
import dev.bulwark.core.action.ActionProvider;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

/**
 * Sends each action to its Camel endpoint, where the route group of the configured provider
 * performs it. Which provider serves which action is configuration; simulate serves them all by
 * default.
 */
public final class CamelActionProvider implements ActionProvider {

  private final ProducerTemplate producer;
  private final Map<ActionType, String> providers;
  private final Map<String, Function<ActionRequest, Optional<ActionResult>>> lookups;

  public CamelActionProvider(ProducerTemplate producer, Map<ActionType, String> providers) {
    this(producer, providers, Map.of());
  }

  /**
   * @param lookups by provider name, how that provider answers {@link #lookup}; a provider without
   *     one cannot tell, and its PENDING actions are performed again
   */
  public CamelActionProvider(
      ProducerTemplate producer,
      Map<ActionType, String> providers,
      Map<String, Function<ActionRequest, Optional<ActionResult>>> lookups) {
    this.producer = producer;
    this.providers = Map.copyOf(providers);
    this.lookups = Map.copyOf(lookups);
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
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof ActionFailedException failed) {
        throw failed;
      }
      throw new ActionFailedException(
          request.type() + " on " + request.target() + " failed: " + cause.getMessage(),
          true,
          cause);
    }
  }

  @Override
  public Optional<ActionResult> lookup(ActionRequest request) {
    var lookup = lookups.get(name(request.type()));
    return lookup == null ? Optional.empty() : lookup.apply(request);
  }

  /** The name simulate mode records in the ledger. */
  public static final class SimulatedProviderName {
    public static final String NAME = "simulate";

    private SimulatedProviderName() {}
  }
}
