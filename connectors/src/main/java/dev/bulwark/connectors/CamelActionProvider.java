package dev.bulwark.connectors;

import dev.bulwark.core.action.ActionFailedException;
import dev.bulwark.core.action.ActionProvider;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.util.Map;
import java.util.Optional;
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

  public CamelActionProvider(ProducerTemplate producer, Map<ActionType, String> providers) {
    this.producer = producer;
    this.providers = Map.copyOf(providers);
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

  /** Asks the provider's route group; a failure leaves the ledger entry PENDING for the retry. */
  @Override
  public Optional<ActionResult> lookup(ActionRequest request) {
    try {
      return Optional.ofNullable(
          producer.requestBodyAndHeader(
              ActionEndpoints.of(request.type()),
              request,
              ActionEndpoints.LOOKUP,
              true,
              ActionResult.class));
    } catch (CamelExecutionException e) {
      throw failed(request, e);
    }
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
