package dev.bulwark.core.action;

import java.util.List;
import java.util.Optional;

/**
 * The record of every action requested, keyed by its idempotency key: what makes "nothing done
 * twice" hold across retries, restarts and nodes.
 */
public interface ActionLedger {

  /**
   * Records the request as PENDING unless its key is already recorded; returns the existing entry
   * if there is one. Safe against a concurrent claim of the same key.
   */
  Optional<LedgerEntry> claim(ActionRequest request, String provider);

  /** Sets the outcome of a claimed entry. */
  void complete(String idempotencyKey, ActionStatus status, String detail);

  List<LedgerEntry> forIncident(String incidentId);
}
