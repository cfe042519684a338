package dev.bulwark.connectors.integration;

import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.LedgerEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A ledger in which every key was already claimed by a node that then died: each claim finds a
 * PENDING entry. Records what the retry completes the entries with.
 */
final class PendingLedger implements ActionLedger {

  private final List<String> completed = new ArrayList<>();

  @Override
  public Optional<LedgerEntry> claim(ActionRequest request, String provider) {
    return Optional.of(
        new LedgerEntry(
            request.idempotencyKey(),
            request.incidentId(),
            request.type(),
            request.target(),
            provider,
            ActionStatus.PENDING,
            null,
            Instant.now()));
  }

  @Override
  public void complete(String idempotencyKey, ActionStatus status, String detail) {
    completed.add(idempotencyKey + " " + status);
  }

  @Override
  public List<LedgerEntry> forIncident(String incidentId) {
    return List.of();
  }

  List<String> completed() {
    return completed;
  }
}
