package dev.bulwark.app.audit;

import static dev.bulwark.app.config.JsonColumns.instant;
import static dev.bulwark.app.config.JsonColumns.timestamp;

import dev.bulwark.app.config.JsonColumns;
import dev.bulwark.core.audit.AuditChain;
import dev.bulwark.core.audit.AuditLog;
import dev.bulwark.core.audit.AuditRecord;
import dev.bulwark.core.audit.AuditVerification;
import dev.bulwark.core.audit.AuditVerifier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log in the engine's database. Inside a transaction, records are held until just before
 * it commits and then chained under a row lock on {@code audit_head}: the lock is held only for the
 * commit, the chain has no gaps (a rolled-back change takes its records with it), and several nodes
 * on one database still chain one after another.
 */
@Repository
public class JdbcAuditLog implements AuditLog {

  private static final Object PENDING_KEY = new Object();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  JdbcAuditLog(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public void record(String action, String target, Map<String, ?> details) {
    recordAs(AuditContext.actor(), action, target, details);
  }

  @Override
  public void recordAs(String actor, String action, String target, Map<String, ?> details) {
    recordFrom(actor, action, target, AuditContext.origin(), details);
  }

  /** As {@link #recordAs}, from an address given rather than the current request's. */
  void recordFrom(
      String actor, String action, String target, String origin, Map<String, ?> details) {
    Pending pending =
        new Pending(
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            clip(actor == null ? "unknown" : actor, 200),
            clip(action, 64),
            clip(target == null ? "" : target, 700),
            clip(origin == null ? "engine" : origin, 200),
            JsonColumns.write(details == null ? Map.of() : details));
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      pendingInThisTransaction().add(pending);
    } else {
      transactions.executeWithoutResult(status -> chain(List.of(pending)));
    }
  }

  /** An audit record must never fail the change it records because a name was long. */
  private static String clip(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max - 1) + "…";
  }

  @SuppressWarnings("unchecked")
  private List<Pending> pendingInThisTransaction() {
    List<Pending> pending =
        (List<Pending>) TransactionSynchronizationManager.getResource(PENDING_KEY);
    if (pending == null) {
      List<Pending> created = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(PENDING_KEY, created);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              chain(created);
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(PENDING_KEY);
            }
          });
      pending = created;
    }
    return pending;
  }

  private void chain(List<Pending> pending) {
    if (pending.isEmpty()) {
      return;
    }
    Map<String, Object> head =
        jdbc.queryForMap("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
    long seq = ((Number) head.get("seq")).longValue();
    String hash = (String) head.get("hash");
    List<Object[]> rows = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      AuditRecord r =
          AuditChain.next(
              seq, hash, p.at(), p.actor(), p.action(), p.target(), p.origin(), p.details());
      rows.add(
          new Object[] {
            r.seq(),
            timestamp(r.at()),
            r.actor(),
            r.action(),
            r.target(),
            r.origin(),
            r.details(),
            r.previousHash(),
            r.hash()
          });
      seq = r.seq();
      hash = r.hash();
    }
    jdbc.batchUpdate(
        "INSERT INTO audit_log (seq, at, actor, action, target, origin, details, previous_hash,"
            + " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows);
    jdbc.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, hash);
  }

  /** Records after {@code afterSeq}, oldest first. */
  public List<AuditRecord> page(long afterSeq, int max) {
    return jdbc.query(
        "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq FETCH FIRST ? ROWS ONLY",
        JdbcAuditLog::auditRecord,
        afterSeq,
        max);
  }

  /** Walks the whole chain, streaming, and reports the first record that does not fit. */
  public AuditVerification verify() {
    AuditVerifier verifier = new AuditVerifier();
    jdbc.query(
        "SELECT * FROM audit_log ORDER BY seq",
        rs -> {
          verifier.accept(auditRecord(rs, 0));
        });
    return verifier.result();
  }

  static AuditRecord auditRecord(ResultSet rs, int row) throws SQLException {
    Instant at = instant(rs, "at");
    return new AuditRecord(
        rs.getLong("seq"),
        at,
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("target"),
        rs.getString("origin"),
        rs.getString("details"),
        rs.getString("previous_hash"),
        rs.getString("hash"));
  }

  private record Pending(
      Instant at, String actor, String action, String target, String origin, String details) {}
}
