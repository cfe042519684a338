package dev.bulwark.app.elasticsearch.sink;

import static dev.bulwark.app.config.JsonColumns.timestamp;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.bulwark.app.config.JsonColumns;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Sends the oldest outbox records to Elasticsearch in one bulk request and deletes those it
 * acknowledged. Document ids come from the record ids, so a batch sent again (a crash after the
 * bulk, before the delete) overwrites the same documents instead of adding copies. Several records
 * of one incident in a batch become one document with the incident's current state.
 */
public class OutboxFlusher {

  private final ElasticsearchClient client;
  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final SearchDocuments documents;
  private final Clock clock;
  private final int batchSize;
  private final int maxAttempts;

  public OutboxFlusher(
      ElasticsearchClient client,
      JdbcTemplate jdbc,
      SearchDocuments documents,
      Clock clock,
      int batchSize,
      int maxAttempts) {
    this.client = client;
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.documents = documents;
    this.clock = clock;
    this.batchSize = batchSize;
    this.maxAttempts = maxAttempts;
  }

  /** What one flush did. {@code retryable}: records Elasticsearch could not take right now. */
  public record Flush(int records, int indexed, int retryable, int failed) {}

  private record Row(long id, OutboxKind kind, String recordId, String payload, int attempts) {}

  /** A document to send and the outbox rows it settles. */
  private record Pending(String index, String id, Map<String, Object> source, List<Row> rows) {}

  /** Flushes one batch; throws when Elasticsearch cannot be reached (nothing is deleted then). */
  public Flush flushOnce() throws IOException {
    List<Row> rows =
        jdbc.query(
            "SELECT id, kind, record_id, payload, attempts FROM search_outbox"
                + " WHERE failed_at IS NULL ORDER BY id FETCH FIRST ? ROWS ONLY",
            (rs, n) ->
                new Row(
                    rs.getLong("id"),
                    OutboxKind.valueOf(rs.getString("kind")),
                    rs.getString("record_id"),
                    rs.getString("payload"),
                    rs.getInt("attempts")),
            batchSize);
    if (rows.isEmpty()) {
      return new Flush(0, 0, 0, 0);
    }
    List<Pending> pending = pending(rows);
    List<Long> settled = new ArrayList<>();
    // Rows whose record no longer exists have nothing to index: settled as they are.
    java.util.Set<Long> covered = new java.util.HashSet<>();
    pending.forEach(p -> p.rows().forEach(r -> covered.add(r.id())));
    rows.stream().filter(r -> !covered.contains(r.id())).forEach(r -> settled.add(r.id()));
    int retryable = 0;
    int failed = 0;
    if (!pending.isEmpty()) {
      BulkResponse response = client.bulk(b -> b.operations(operations(pending)));
      List<BulkResponseItem> items = response.items();
      for (int i = 0; i < items.size(); i++) {
        BulkResponseItem item = items.get(i);
        Pending sent = pending.get(i);
        if (item.error() == null) {
          sent.rows().forEach(r -> settled.add(r.id()));
        } else if (item.status() == 429 || item.status() >= 500) {
          retryable++;
        } else {
          failed += reject(sent, item.error().type() + ": " + item.error().reason());
        }
      }
    }
    delete(settled);
    return new Flush(rows.size(), pending.size() - retryable - failed, retryable, failed);
  }

  /** Outbox records not yet indexed, and those set aside after repeated rejection. */
  public long backlog() {
    Long count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM search_outbox WHERE failed_at IS NULL", Long.class);
    return count == null ? 0 : count;
  }

  public long setAside() {
    Long count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM search_outbox WHERE failed_at IS NOT NULL", Long.class);
    return count == null ? 0 : count;
  }

  private List<Pending> pending(List<Row> rows) {
    Map<String, List<Row>> incidents = new LinkedHashMap<>();
    Map<String, List<Row>> actions = new LinkedHashMap<>();
    List<Pending> pending = new ArrayList<>();
    for (Row row : rows) {
      switch (row.kind()) {
        case INCIDENT -> incidents.computeIfAbsent(row.recordId(), k -> new ArrayList<>()).add(row);
        case ACTION -> actions.computeIfAbsent(row.recordId(), k -> new ArrayList<>()).add(row);
        case AUDIT -> {
          Map<String, Object> source =
              JsonColumns.read(row.payload(), new TypeReference<Map<String, Object>>() {});
          pending.add(
              new Pending(
                  AuditDocuments.index((String) source.get("@timestamp")),
                  SearchDocuments.documentId(row.recordId()),
                  source,
                  List.of(row)));
        }
      }
    }
    Map<String, Map<String, Object>> incidentDocs = documents.incidents(incidents.keySet());
    incidents.forEach(
        (id, settledRows) -> {
          Map<String, Object> source = incidentDocs.get(id);
          if (source != null) {
            pending.add(
                new Pending(
                    SearchDocuments.INCIDENTS,
                    SearchDocuments.documentId(id),
                    source,
                    settledRows));
          }
        });
    Map<String, Map<String, Object>> actionDocs = documents.actions(actions.keySet());
    actions.forEach(
        (key, settledRows) -> {
          Map<String, Object> source = actionDocs.get(key);
          if (source != null) {
            pending.add(
                new Pending(
                    SearchDocuments.ACTIONS, SearchDocuments.documentId(key), source, settledRows));
          }
        });
    // In the order the records were written, so the bulk request replays history in order.
    pending.sort(java.util.Comparator.comparingLong(p -> p.rows().get(0).id()));
    return pending;
  }

  private static List<BulkOperation> operations(List<Pending> pending) {
    List<BulkOperation> operations = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      operations.add(
          BulkOperation.of(o -> o.index(i -> i.index(p.index()).id(p.id()).document(p.source()))));
    }
    return operations;
  }

  /** Counts a rejection; after {@code maxAttempts} the rows are kept but no longer sent. */
  private int reject(Pending sent, String error) {
    String detail = error.length() > 2000 ? error.substring(0, 2000) : error;
    int setAside = 0;
    for (Row row : sent.rows()) {
      boolean giveUp = row.attempts() + 1 >= maxAttempts;
      jdbc.update(
          "UPDATE search_outbox SET attempts = attempts + 1, last_error = ?, failed_at = ?"
              + " WHERE id = ?",
          detail,
          giveUp ? timestamp(clock.instant()) : null,
          row.id());
      if (giveUp) {
        setAside++;
        SinkLog.setAside(
            row.kind().name().toLowerCase(java.util.Locale.ROOT), row.recordId(), detail);
      }
    }
    return setAside == 0 ? 0 : 1;
  }

  private void delete(List<Long> ids) {
    for (int from = 0; from < ids.size(); from += 1000) {
      named.update(
          "DELETE FROM search_outbox WHERE id IN (:ids)",
          new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + 1000))));
    }
  }
}
