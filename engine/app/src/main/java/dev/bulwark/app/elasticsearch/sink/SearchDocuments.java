package dev.bulwark.app.elasticsearch.sink;

import static dev.bulwark.app.config.JsonColumns.instant;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.bulwark.app.config.JsonColumns;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Builds the documents of {@code bulwark-incidents} and {@code bulwark-actions} from the current
 * rows, so the latest state is what gets indexed however many changes the outbox recorded.
 */
public class SearchDocuments {

  static final String INCIDENTS = "bulwark-incidents";
  static final String ACTIONS = "bulwark-actions";

  /** Distinct alert and rule summaries kept per incident for full-text search. */
  private static final int MAX_SIGNALS = 200;

  /** Elasticsearch's limit on a document id, in bytes. */
  private static final int MAX_ID_BYTES = 512;

  private final NamedParameterJdbcTemplate jdbc;

  public SearchDocuments(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Incident documents by incident id; ids with no row (none expected) are left out. */
  Map<String, Map<String, Object>> incidents(Collection<String> ids) {
    Map<String, Map<String, Object>> documents = new HashMap<>();
    if (ids.isEmpty()) {
      return documents;
    }
    MapSqlParameterSource params = new MapSqlParameterSource("ids", ids);
    Map<String, Set<String>> signals = new HashMap<>();
    jdbc.query(
        "SELECT incident_id, summary FROM incident_timeline WHERE incident_id IN (:ids)"
            + " AND kind IN ('alert', 'rule_hit') ORDER BY id",
        params,
        rs -> {
          Set<String> set =
              signals.computeIfAbsent(rs.getString("incident_id"), k -> new LinkedHashSet<>());
          if (set.size() < MAX_SIGNALS) {
            set.add(rs.getString("summary"));
          }
        });
    jdbc.query(
        "SELECT id, title, severity, status, created_at, updated_at, correlation_key, rule_ids,"
            + " risk_score, alert_count, entities, playbook_key, process_instance_id,"
            + " playbook_state FROM incident WHERE id IN (:ids)",
        params,
        rs -> {
          String id = rs.getString("id");
          documents.put(id, incident(rs, signals.getOrDefault(id, Set.of())));
        });
    return documents;
  }

  /** Ledger documents by idempotency key. */
  Map<String, Map<String, Object>> actions(Collection<String> keys) {
    Map<String, Map<String, Object>> documents = new HashMap<>();
    if (keys.isEmpty()) {
      return documents;
    }
    jdbc.query(
        "SELECT idempotency_key, incident_id, type, target, provider, status, detail,"
            + " requested_at, updated_at FROM action_ledger WHERE idempotency_key IN (:keys)",
        new MapSqlParameterSource("keys", keys),
        rs -> {
          documents.put(rs.getString("idempotency_key"), action(rs));
        });
    return documents;
  }

  /**
   * The document id of a record: the record's own id, or its SHA-256 when it is longer than
   * Elasticsearch allows (ledger keys can be).
   */
  static String documentId(String recordId) {
    if (recordId.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES) {
      return recordId;
    }
    try {
      var digest = java.security.MessageDigest.getInstance("SHA-256");
      return "sha256:"
          + java.util.HexFormat.of()
              .formatHex(digest.digest(recordId.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static Map<String, Object> incident(ResultSet rs, Set<String> signals)
      throws SQLException {
    Map<String, List<String>> entities =
        JsonColumns.read(rs.getString("entities"), new TypeReference<>() {});
    Map<String, Object> playbook = new LinkedHashMap<>();
    playbook.put("key", rs.getString("playbook_key"));
    playbook.put("state", lower(rs.getString("playbook_state")));
    playbook.put("process_instance_id", rs.getString("process_instance_id"));
    Map<String, Object> incident = new LinkedHashMap<>();
    incident.put("id", rs.getString("id"));
    incident.put("title", rs.getString("title"));
    incident.put("status", lower(rs.getString("status")));
    incident.put("severity", lower(rs.getString("severity")));
    incident.put("risk_score", rs.getInt("risk_score"));
    incident.put("alert_count", rs.getInt("alert_count"));
    incident.put(
        "rule_ids",
        JsonColumns.read(rs.getString("rule_ids"), new TypeReference<List<String>>() {}));
    incident.put("correlation_key", rs.getString("correlation_key"));
    incident.put("updated_at", instant(rs, "updated_at").toString());
    incident.put("signals", new ArrayList<>(signals));
    incident.put("playbook", playbook);
    Map<String, Object> related = new LinkedHashMap<>();
    related.put("user", entities.getOrDefault("users", List.of()));
    related.put("hosts", entities.getOrDefault("hosts", List.of()));
    related.put("ip", entities.getOrDefault("ips", List.of()));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("@timestamp", instant(rs, "created_at").toString());
    document.put("message", rs.getString("title"));
    document.put("event", Map.of("kind", "event", "dataset", "bulwark.incident"));
    document.put("incident", incident);
    document.put("related", related);
    return document;
  }

  private static Map<String, Object> action(ResultSet rs) throws SQLException {
    String status = rs.getString("status");
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("idempotency_key", rs.getString("idempotency_key"));
    action.put("type", lower(rs.getString("type")));
    action.put("target", rs.getString("target"));
    action.put("provider", rs.getString("provider"));
    action.put("status", lower(status));
    action.put("detail", rs.getString("detail"));
    action.put("updated_at", instant(rs, "updated_at").toString());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("kind", "event");
    event.put("dataset", "bulwark.action");
    event.put("action", lower(rs.getString("type")));
    event.put("outcome", outcome(status));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("@timestamp", instant(rs, "requested_at").toString());
    document.put("event", event);
    document.put("incident", Map.of("id", rs.getString("incident_id")));
    document.put("action", action);
    return document;
  }

  /** ECS {@code event.outcome}: success, failure or unknown. */
  private static String outcome(String status) {
    return switch (status) {
      case "DONE", "SIMULATED", "UNCHANGED" -> "success";
      case "FAILED" -> "failure";
      default -> "unknown";
    };
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
