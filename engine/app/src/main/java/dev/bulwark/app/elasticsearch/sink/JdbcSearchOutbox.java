package dev.bulwark.app.elasticsearch.sink;

import static dev.bulwark.app.config.JsonColumns.timestamp;

import dev.bulwark.app.config.JsonColumns;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;

/** The outbox table; each call is one insert in the caller's transaction. */
public class JdbcSearchOutbox implements SearchOutbox {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public JdbcSearchOutbox(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void incidentChanged(String incidentId) {
    insert(OutboxKind.INCIDENT, incidentId, null);
  }

  @Override
  public void actionChanged(String idempotencyKey) {
    insert(OutboxKind.ACTION, idempotencyKey, null);
  }

  @Override
  public void audit(AuditRecord record) {
    insert(OutboxKind.AUDIT, record.id(), JsonColumns.write(AuditDocuments.document(record)));
  }

  private void insert(OutboxKind kind, String recordId, String payload) {
    jdbc.update(
        "INSERT INTO search_outbox (kind, record_id, payload, created_at, attempts)"
            + " VALUES (?, ?, ?, ?, 0)",
        kind.name(),
        recordId,
        payload,
        timestamp(clock.instant()));
  }
}
