package dev.bulwark.app.elasticsearch.sink;

import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.LedgerEntry;
import java.util.List;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/** The action ledger, plus a search outbox record for every entry written, in one transaction. */
final class OutboxRecordingActionLedger implements ActionLedger {

  private final ActionLedger ledger;
  private final SearchOutbox outbox;
  private final TransactionTemplate transactions;

  OutboxRecordingActionLedger(
      ActionLedger ledger, SearchOutbox outbox, TransactionTemplate transactions) {
    this.ledger = ledger;
    this.outbox = outbox;
    this.transactions = transactions;
  }

  /**
   * Not wrapped in a transaction of its own: the ledger recovers from a concurrent claim by
   * catching the duplicate key, which PostgreSQL allows only outside a transaction. Inside the
   * caller's transaction (a Camunda job) both writes commit together anyway; outside it, a crash
   * between them loses only the PENDING state, and {@link #complete} records the entry again.
   */
  @Override
  public Optional<LedgerEntry> claim(ActionRequest request, String provider) {
    Optional<LedgerEntry> earlier = ledger.claim(request, provider);
    if (earlier.isEmpty()) {
      outbox.actionChanged(request.idempotencyKey());
    }
    return earlier;
  }

  @Override
  public void complete(String idempotencyKey, ActionStatus status, String detail) {
    transactions.executeWithoutResult(
        tx -> {
          ledger.complete(idempotencyKey, status, detail);
          outbox.actionChanged(idempotencyKey);
        });
  }

  @Override
  public List<LedgerEntry> forIncident(String incidentId) {
    return ledger.forIncident(incidentId);
  }
}
