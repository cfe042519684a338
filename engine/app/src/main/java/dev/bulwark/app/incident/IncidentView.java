package dev.bulwark.app.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.TimelineEntry;
import java.time.Instant;
import java.util.List;

/** An incident as the API shows it; {@code timeline} only on the detail view. */
record IncidentView(
    String id,
    String title,
    String severity,
    String status,
    Instant createdAt,
    Instant updatedAt,
    List<String> ruleIds,
    int riskScore,
    int alertCount,
    Entities entities,
    Playbook playbook,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<TimelineEntry> timeline) {

  record Playbook(String key, String processInstanceId, String state) {}

  static IncidentView of(Incident incident, List<TimelineEntry> timeline) {
    return new IncidentView(
        incident.id(),
        incident.title(),
        incident.severity().label(),
        incident.status().name().toLowerCase(java.util.Locale.ROOT),
        incident.createdAt(),
        incident.updatedAt(),
        incident.ruleIds(),
        incident.riskScore(),
        incident.alertCount(),
        incident.entities(),
        new Playbook(
            incident.playbook().key(),
            incident.playbook().processInstanceId(),
            incident.playbook().state().name().toLowerCase(java.util.Locale.ROOT)),
        timeline);
  }
}
