package dev.bulwark.app.elasticsearch.sink;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One audit event as it is indexed. The id must be stable for the record (a sequence number, a
 * hash, a UUID stored with it): it becomes the document id, so a record sent twice is one document.
 *
 * @param action what happened, e.g. {@code rule_hit}, {@code approval}, {@code action}
 * @param actor who did it (a user, {@code engine}), or {@code null}
 * @param incidentId the incident it belongs to, or {@code null}
 * @param details free-form; stored, not indexed
 */
public record AuditRecord(
    String id,
    Instant at,
    String action,
    String actor,
    String incidentId,
    String summary,
    Map<String, Object> details) {

  public AuditRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    details = details == null ? Map.of() : details;
  }
}
