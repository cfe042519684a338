package dev.bulwark.app.elasticsearch.sink;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** An audit record as an ECS document in {@code bulwark-audit-YYYY.MM}. */
final class AuditDocuments {

  static final String INDEX_PREFIX = "bulwark-audit-";
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

  private AuditDocuments() {}

  static Map<String, Object> document(AuditRecord record) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", record.id());
    event.put("kind", "event");
    event.put("action", record.action());
    event.put("dataset", "bulwark.audit");
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("@timestamp", record.at().toString());
    document.put("event", event);
    document.put("message", record.summary());
    if (record.actor() != null) {
      document.put("user", Map.of("name", record.actor()));
    }
    if (record.incidentId() != null) {
      document.put("incident", Map.of("id", record.incidentId()));
    }
    document.put("bulwark", Map.of("details", record.details()));
    return document;
  }

  /** The monthly index of a document built by {@link #document}. */
  static String index(String timestamp) {
    return INDEX_PREFIX + MONTH.format(java.time.Instant.parse(timestamp));
  }
}
