package dev.bulwark.connectors.simulate;

import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import java.util.Optional;

/**
 * The state of the pretend systems simulate mode acts on: which requests (by idempotency key) were
 * carried out. Like a real target it keeps that apart from Bulwark's own transactions, so after a
 * crash it can answer whether a request left PENDING in the ledger was carried out.
 */
public interface SimulatedTarget {

  /** Remembers that the request was carried out with this result. */
  void applied(ActionRequest request, ActionResult result);

  /** The result of the request with this idempotency key, if it was carried out. */
  Optional<ActionResult> find(String idempotencyKey);
}
