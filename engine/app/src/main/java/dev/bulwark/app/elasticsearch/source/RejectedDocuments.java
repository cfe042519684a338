package dev.bulwark.app.elasticsearch.source;

import static dev.bulwark.app.config.JsonColumns.timestamp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;

/** Documents that are not valid alerts, kept with the reason so an operator can fix the source. */
public class RejectedDocuments {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public RejectedDocuments(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void keep(RejectedDocumentException rejected, ObjectNode document) {
    String reason = rejected.reason();
    jdbc.update(
        "INSERT INTO es_source_rejected (index_name, document_id, reason, document, rejected_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        rejected.index(),
        rejected.id(),
        reason.length() > 2000 ? reason.substring(0, 2000) : reason,
        document.toString(),
        timestamp(clock.instant()));
  }

  public long count() {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM es_source_rejected", Long.class);
    return count == null ? 0 : count;
  }
}
