package dev.bulwark.core.action;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link ActionLedger} in a map, for tests. */
public final class InMemoryActionLedger implements ActionLedger {

  private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");

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
            AT));
    return Optional.empty();
  }

  @Override
  public synchronized void complete(String idempotencyKey, ActionStatus status, String detail) {
    LedgerEntry entry = entries.get(idempotencyKey);
    if (entry == null) {
      throw new IllegalStateException("complete() for an unclaimed key " + idempotencyKey);
    }
    entries.put(
        idempotencyKey,
        new LedgerEntry(
            idempotencyKey,
            entry.incidentId(),
            entry.type(),
            entry.target(),
            entry.provider(),
            status,
            detail,
            entry.at()));
  }

  @Override
  public synchronized List<LedgerEntry> forIncident(String incidentId) {
    List<LedgerEntry> found = new ArrayList<>();
    for (LedgerEntry entry : entries.values()) {
      if (entry.incidentId().equals(incidentId)) {
        found.add(entry);
      }
    }
    return found;
  }

  /** Records an entry as an earlier run left it (e.g. PENDING after a crash). */
  public synchronized void seed(ActionRequest request, String provider, ActionStatus status) {
    entries.put(
        request.idempotencyKey(),
        new LedgerEntry(
            request.idempotencyKey(),
            request.incidentId(),
            request.type(),
            request.target(),
            provider,
            status,
            "left by an earlier run",
            AT));
  }

  public synchronized LedgerEntry entry(String idempotencyKey) {
    return entries.get(idempotencyKey);
  }
}
