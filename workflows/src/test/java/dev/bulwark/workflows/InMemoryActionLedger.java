package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.LedgerEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The action ledger as the engine keeps it: a claim is committed on its own, outside the workflow's
 * transaction, so it survives a job that rolls back or a node that dies (ADR 0401).
 */
final class InMemoryActionLedger implements ActionLedger {

  private final Map<String, LedgerEntry> entries = new LinkedHashMap<>();

  @Override
  public synchronized Optional<LedgerEntry> claim(ActionRequest request, String provider) {
    LedgerEntry existing = entries.get(request.idempotencyKey());
    if (existing != null) {
      return Optional.of(existing);
    }
    entries.put(
        request.idempotencyKey(),
        new LedgerEntry(
            request.idempotencyKey(),
            request.incidentId(),
            request.type(),
            request.target(),
            provider,
            ActionStatus.PENDING,
            null,
            Instant.now()));
    return Optional.empty();
  }

  @Override
  public synchronized void complete(String key, ActionStatus status, String detail) {
    LedgerEntry e = entries.get(key);
    entries.put(
        key,
        new LedgerEntry(
            key, e.incidentId(), e.type(), e.target(), e.provider(), status, detail, e.at()));
  }

  @Override
  public synchronized List<LedgerEntry> forIncident(String incidentId) {
    return entries.values().stream().filter(e -> e.incidentId().equals(incidentId)).toList();
  }

  synchronized List<LedgerEntry> all() {
    return List.copyOf(entries.values());
  }

  synchronized void clear() {
    entries.clear();
  }
}
