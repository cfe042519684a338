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
 * A ledger in which every request was already claimed by a node that died while acting: each claim
 * finds a PENDING entry, so {@code LedgeredResponseActions} asks the provider's lookup first. The
 * outcomes it records are kept for the test to read.
 */
final class PendingLedger implements ActionLedger {

  /** One outcome the ledger was told. */
  record Completion(String idempotencyKey, ActionStatus status, String detail) {}

  private final List<Completion> completions = new ArrayList<>();

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
    completions.add(new Completion(idempotencyKey, status, detail));
  }

  @Override
  public List<LedgerEntry> forIncident(String incidentId) {
    return List.of();
  }

  List<Completion> completions() {
    return completions;
  }

  /** "key STATUS" per completion, in order. */
  List<String> completed() {
    return completions.stream().map(c -> c.idempotencyKey() + " " + c.status()).toList();
  }
}
