package dev.bulwark.app.action;

import static dev.bulwark.app.config.JsonColumns.instant;
import static dev.bulwark.app.config.JsonColumns.timestamp;

import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.LedgerEntry;
import dev.bulwark.core.audit.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The action ledger in the engine's database; the primary key is the idempotency key. Claims and
 * outcomes commit in their own transactions, not in the playbook job's: a claim must survive the
 * job rolling back after the provider acted, or a retry could not tell that it might have (ADR
 * 0401).
 */
@Repository
class JdbcActionLedger implements ActionLedger {

  private static final String COLUMNS =
      "idempotency_key, incident_id, type, target, provider, status, detail, requested_at";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;
  private final AuditLog audit;

  JdbcActionLedger(
      JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions, AuditLog audit) {
    this.audit = audit;
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public Optional<LedgerEntry> claim(ActionRequest request, String provider) {
    try {
      return ownTransaction.execute(status -> claimNow(request, provider));
    } catch (DuplicateKeyException claimedMeanwhile) {
      // Outside the failed transaction: PostgreSQL refuses further statements inside it.
      return find(request.idempotencyKey());
    }
  }

  private Optional<LedgerEntry> claimNow(ActionRequest request, String provider) {
    Optional<LedgerEntry> existing = find(request.idempotencyKey());
    if (existing.isPresent()) {
      return existing;
    }
    var now = timestamp(clock.instant());
    jdbc.update(
        "INSERT INTO action_ledger ("
            + COLUMNS
            + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        request.idempotencyKey(),
        request.incidentId(),
        request.type().name(),
        request.target(),
        provider,
        ActionStatus.PENDING.name(),
        null,
        now,
        now);
    audit.record(
        "action.requested",
        request.idempotencyKey(),
        java.util.Map.of(
            "incident", request.incidentId(),
            "type", request.type().name(),
            "target", request.target(),
            "provider", provider));
    return Optional.empty();
  }

  @Override
  public void complete(String idempotencyKey, ActionStatus status, String detail) {
    ownTransaction.executeWithoutResult(tx -> completeNow(idempotencyKey, status, detail));
  }

  private void completeNow(String idempotencyKey, ActionStatus status, String detail) {
    jdbc.update(
        "UPDATE action_ledger SET status = ?, detail = ?, updated_at = ? WHERE idempotency_key = ?",
        status.name(),
        detail != null && detail.length() > 2000 ? detail.substring(0, 2000) : detail,
        timestamp(clock.instant()),
        idempotencyKey);
    audit.record(
        "action." + status.name().toLowerCase(java.util.Locale.ROOT),
        idempotencyKey,
        detail == null ? java.util.Map.of() : java.util.Map.of("detail", detail));
  }

  @Override
  public List<LedgerEntry> forIncident(String incidentId) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM action_ledger WHERE incident_id = ?"
            + " ORDER BY requested_at, idempotency_key",
        JdbcActionLedger::entry,
        incidentId);
  }

  private Optional<LedgerEntry> find(String key) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM action_ledger WHERE idempotency_key = ?",
            JdbcActionLedger::entry,
            key)
        .stream()
        .findFirst();
  }

  private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
    return new LedgerEntry(
        rs.getString("idempotency_key"),
        rs.getString("incident_id"),
        ActionType.valueOf(rs.getString("type")),
        rs.getString("target"),
        rs.getString("provider"),
        ActionStatus.valueOf(rs.getString("status")),
        rs.getString("detail"),
        instant(rs, "requested_at"));
  }
}
