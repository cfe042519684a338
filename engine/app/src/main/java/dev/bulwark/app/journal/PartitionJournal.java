package dev.bulwark.app.journal;

import static dev.bulwark.app.config.JsonColumns.instant;
import static dev.bulwark.app.config.JsonColumns.timestamp;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.alert.IncomingAlert;
import dev.bulwark.core.journal.AlertJournal;
import dev.bulwark.core.journal.JournalPartitions;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One partition of the journal with its own cursor: the alerts whose identity hashes to it, in
 * journal order. Appends commit in seq order across all partitions (ADR 0801), so reading one
 * partition after its cursor never passes an alert still being committed.
 */
final class PartitionJournal implements AlertJournal {

  private final JdbcAlertJournal journal;
  private final JdbcTemplate jdbc;
  private final int partition;
  private final String cursor;

  PartitionJournal(JdbcAlertJournal journal, JdbcTemplate jdbc, int partition) {
    this.journal = journal;
    this.jdbc = jdbc;
    this.partition = partition;
    this.cursor = JournalPartitions.name(partition);
  }

  @Override
  public AppendResult append(List<IncomingAlert> alerts) {
    return journal.append(alerts);
  }

  @Override
  public List<Alert> readAfter(long afterSeq, int max) {
    return jdbc.query(
        "SELECT seq, event_time, received_at, document FROM alert_journal"
            + " WHERE rules_partition = ? AND seq > ? ORDER BY seq FETCH FIRST ? ROWS ONLY",
        journal::alert,
        partition,
        afterSeq,
        max);
  }

  @Override
  public List<Alert> readWindow(
      long afterSeq, long upToSeq, Instant since, Instant until, int max) {
    return jdbc.query(
        "SELECT seq, event_time, received_at, document FROM alert_journal"
            + " WHERE rules_partition = ? AND seq > ? AND seq <= ? AND event_time >= ?"
            + " AND event_time <= ? ORDER BY seq FETCH FIRST ? ROWS ONLY",
        journal::alert,
        partition,
        afterSeq,
        upToSeq,
        timestamp(since),
        timestamp(until),
        max);
  }

  @Override
  public long processedUpTo() {
    Long position =
        jdbc.queryForObject(
            "SELECT position FROM journal_cursor WHERE name = ?", Long.class, cursor);
    return position == null ? 0 : position;
  }

  @Override
  public void markProcessed(long seq) {
    jdbc.update("UPDATE journal_cursor SET position = ? WHERE name = ?", seq, cursor);
  }

  @Override
  public boolean advance(long from, long to) {
    return journal.advance(cursor, from, to);
  }

  @Override
  public Instant latestEventTime(long upToSeq) {
    return jdbc.query(
        "SELECT MAX(event_time) AS latest FROM alert_journal"
            + " WHERE rules_partition = ? AND seq <= ?",
        rs -> rs.next() ? instant(rs, "latest") : null,
        partition,
        upToSeq);
  }

  @Override
  public long lastSeq() {
    Long last =
        jdbc.queryForObject(
            "SELECT MAX(seq) FROM alert_journal WHERE rules_partition = ?", Long.class, partition);
    return last == null ? 0 : last;
  }
}
