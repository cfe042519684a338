package dev.bulwark.app.journal;

import static dev.bulwark.app.config.JsonColumns.instant;
import static dev.bulwark.app.config.JsonColumns.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.app.cluster.ClusterProperties;
import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.alert.IncomingAlert;
import dev.bulwark.core.audit.AuditLog;
import dev.bulwark.core.journal.AlertJournal;
import dev.bulwark.core.journal.JournalPartitions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The alert journal in the engine's database. */
@Repository
public class JdbcAlertJournal implements AlertJournal {

  /** Keys looked up per query when finding duplicates; below every driver's parameter limit. */
  private static final int KEY_CHUNK = 1000;

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final TransactionTemplate transactions;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Clock clock;
  private final AuditLog audit;

  /**
   * Appends commit one at a time. Identity values are handed out before commit, so two concurrent
   * appends could commit seq 11 before seq 10; the processor would read 11, move its cursor past
   * 10, and never see it. Committing in seq order rules that out. This lock orders the appends of
   * one node; the row lock on {@code journal_append_lock} orders those of several nodes (ADR 0801).
   */
  /** The cursor of the global rules, which read every partition. */
  static final String GLOBAL = "rules";

  private final ReentrantLock appendLock = new ReentrantLock(true);

  private final String nodeId;

  JdbcAlertJournal(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      Clock clock,
      AuditLog audit,
      ClusterProperties cluster) {
    this.audit = audit;
    this.nodeId = cluster.getNodeId();
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public AppendResult append(List<IncomingAlert> alerts) {
    appendLock.lock();
    try {
      try {
        return transactions.execute(status -> appendInTransaction(alerts));
      } catch (DuplicateKeyException raced) {
        // Another node committed one of these keys between our check and our insert: check again.
        return transactions.execute(status -> appendInTransaction(alerts));
      }
    } finally {
      appendLock.unlock();
    }
  }

  private AppendResult appendInTransaction(List<IncomingAlert> alerts) {
    jdbc.queryForList("SELECT id FROM journal_append_lock WHERE id = 1 FOR UPDATE", Integer.class);
    Map<String, IncomingAlert> unique = new LinkedHashMap<>();
    for (IncomingAlert alert : alerts) {
      unique.putIfAbsent(alert.dedupKey(), alert);
    }
    Set<String> journaled = existingKeys(new ArrayList<>(unique.keySet()));
    List<Object[]> rows = new ArrayList<>(unique.size());
    Instant now = clock.instant();
    for (IncomingAlert alert : unique.values()) {
      if (!journaled.contains(alert.dedupKey())) {
        rows.add(
            new Object[] {
              alert.dedupKey(),
              timestamp(alert.timestamp()),
              timestamp(now),
              alert.document().toString(),
              JournalPartitions.of(JournalPartitions.key(alert.document(), alert.dedupKey()))
            });
      }
    }
    if (!rows.isEmpty()) {
      jdbc.batchUpdate(
          "INSERT INTO alert_journal (dedup_key, event_time, received_at, document,"
              + " rules_partition) VALUES (?, ?, ?, ?, ?)",
          rows);
      // In the same transaction: an alert is in the journal exactly when its acceptance is audited.
      audit.record(
          "alert.accepted",
          "journal",
          Map.of("accepted", rows.size(), "duplicates", alerts.size() - rows.size()));
    }
    return new AppendResult(rows.size(), alerts.size() - rows.size());
  }

  private Set<String> existingKeys(List<String> keys) {
    Set<String> existing = new HashSet<>();
    for (int from = 0; from < keys.size(); from += KEY_CHUNK) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEY_CHUNK));
      existing.addAll(
          named.queryForList(
              "SELECT dedup_key FROM alert_journal WHERE dedup_key IN (:keys)",
              new MapSqlParameterSource("keys", chunk),
              String.class));
    }
    return existing;
  }

  @Override
  public List<Alert> readAfter(long afterSeq, int max) {
    return jdbc.query(
        "SELECT seq, event_time, received_at, document FROM alert_journal WHERE seq > ? ORDER BY seq"
            + " FETCH FIRST ? ROWS ONLY",
        this::alert,
        afterSeq,
        max);
  }

  @Override
  public List<Alert> readWindow(
      long afterSeq, long upToSeq, Instant since, Instant until, int max) {
    return jdbc.query(
        "SELECT seq, event_time, received_at, document FROM alert_journal"
            + " WHERE seq > ? AND seq <= ? AND event_time >= ? AND event_time <= ?"
            + " ORDER BY seq FETCH FIRST ? ROWS ONLY",
        this::alert,
        afterSeq,
        upToSeq,
        timestamp(since),
        timestamp(until),
        max);
  }

  @Override
  public long processedUpTo() {
    Long position =
        jdbc.queryForObject("SELECT position FROM journal_cursor WHERE name = 'rules'", Long.class);
    return position == null ? 0 : position;
  }

  @Override
  public void markProcessed(long seq) {
    jdbc.update("UPDATE journal_cursor SET position = ? WHERE name = 'rules'", seq);
  }

  @Override
  public boolean advance(long from, long to) {
    return advance(GLOBAL, from, to);
  }

  /** Compare-and-set of a cursor, recording this node as the one that evaluated up to there. */
  boolean advance(String cursor, long from, long to) {
    return jdbc.update(
            "UPDATE journal_cursor SET position = ?, evaluated_by = ?"
                + " WHERE name = ? AND position = ?",
            to,
            nodeId,
            cursor,
            from)
        == 1;
  }

  /**
   * The alerts of one partition behind that partition's cursor: what its identity rules evaluate
   * (ADR 0802). This journal itself, with the {@code rules} cursor, is what the global rules read.
   */
  public AlertJournal partition(int partition) {
    return new PartitionJournal(this, jdbc, partition);
  }

  @Override
  public Instant latestEventTime(long upToSeq) {
    return jdbc.query(
        "SELECT MAX(event_time) AS latest FROM alert_journal WHERE seq <= ?",
        rs -> rs.next() ? instant(rs, "latest") : null,
        upToSeq);
  }

  @Override
  public long lastSeq() {
    Long last = jdbc.queryForObject("SELECT MAX(seq) FROM alert_journal", Long.class);
    return last == null ? 0 : last;
  }

  /** How many alerts the journal holds, and how many of them the rules have not evaluated yet. */
  public Counts counts() {
    long received = count("SELECT COUNT(*) FROM alert_journal");
    // An alert is evaluated once both its partition's cursor and the global one have passed it.
    long backlog =
        count(
            "SELECT COUNT(*) FROM alert_journal j JOIN journal_cursor c"
                + " ON c.name = CONCAT('"
                + JournalPartitions.PREFIX
                + "', CAST(j.rules_partition AS VARCHAR(10)))"
                + " WHERE j.seq > c.position OR j.seq >"
                + " (SELECT position FROM journal_cursor WHERE name = 'rules')");
    return new Counts(received, received - backlog, backlog);
  }

  private long count(String sql) {
    Long count = jdbc.queryForObject(sql, Long.class);
    return count == null ? 0 : count;
  }

  /** The journal's counters as {@code GET /api/v1/status} shows them. */
  public record Counts(long received, long processed, long backlog) {}

  Alert alert(ResultSet rs, int row) throws SQLException {
    try {
      return new Alert(
          rs.getLong("seq"),
          instant(rs, "event_time"),
          (ObjectNode) mapper.readTree(rs.getString("document")),
          instant(rs, "received_at"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("journal entry " + rs.getLong("seq") + " is corrupt", e);
    }
  }
}
