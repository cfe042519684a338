package dev.bulwark.connectors.simulate;

import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A simulated target that lives as long as the process; the engine keeps its own in a table. */
public final class InMemorySimulatedTarget implements SimulatedTarget {

  private final Map<String, ActionResult> applied = new ConcurrentHashMap<>();

  @Override
  public void applied(ActionRequest request, ActionResult result) {
    applied.putIfAbsent(request.idempotencyKey(), result);
  }

  @Override
  public Optional<ActionResult> find(String idempotencyKey) {
    return Optional.ofNullable(applied.get(idempotencyKey));
  }
}
