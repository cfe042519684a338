package dev.bulwark.app.risk;

import static dev.bulwark.app.config.JsonColumns.instant;
import static dev.bulwark.app.config.JsonColumns.timestamp;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.bulwark.app.config.JsonColumns;
import dev.bulwark.core.risk.RiskSignal;
import dev.bulwark.core.risk.RiskStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Risk signals in the engine's database. */
@Repository
class JdbcRiskStore implements RiskStore {

  private final JdbcTemplate jdbc;

  JdbcRiskStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void record(RiskSignal signal) {
    jdbc.update(
        "INSERT INTO risk_signal (entity_key, rule_id, rule_name, points, event_time, alert_seqs)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        signal.entityKey(),
        signal.ruleId(),
        signal.ruleName(),
        signal.points(),
        timestamp(signal.eventTime()),
        JsonColumns.write(signal.alertSeqs()));
  }

  @Override
  public List<RiskSignal> signals(String entityKey, Instant from, Instant to) {
    return jdbc.query(
        "SELECT entity_key, rule_id, rule_name, points, event_time, alert_seqs FROM risk_signal"
            + " WHERE entity_key = ? AND event_time >= ? AND event_time <= ? ORDER BY event_time, id",
        (rs, row) ->
            new RiskSignal(
                rs.getString("entity_key"),
                rs.getString("rule_id"),
                rs.getString("rule_name"),
                rs.getInt("points"),
                instant(rs, "event_time"),
                JsonColumns.read(rs.getString("alert_seqs"), new TypeReference<List<Long>>() {})),
        entityKey,
        timestamp(from),
        timestamp(to));
  }

  @Override
  public int prune(Instant cutoff, int limit) {
    // One statement, so one short transaction per batch; rows another node deleted meanwhile are
    // simply not there any more.
    return jdbc.update(
        "DELETE FROM risk_signal WHERE id IN"
            + " (SELECT id FROM risk_signal WHERE event_time < ? LIMIT ?)",
        timestamp(cutoff),
        limit);
  }

  @Override
  public Optional<Instant> newestEventTime() {
    Timestamp newest =
        jdbc.queryForObject("SELECT MAX(event_time) FROM risk_signal", Timestamp.class);
    return newest == null ? Optional.empty() : Optional.of(newest.toInstant());
  }

  @Override
  public Optional<Instant> lastContained(String correlationKey) {
    List<Timestamp> contained =
        jdbc.query(
            "SELECT MAX(updated_at) AS at FROM incident WHERE correlation_key = ? AND status ="
                + " 'CONTAINED'",
            (rs, row) -> rs.getTimestamp("at"),
            correlationKey);
    return contained.isEmpty() || contained.get(0) == null
        ? Optional.empty()
        : Optional.of(contained.get(0).toInstant());
  }
}
