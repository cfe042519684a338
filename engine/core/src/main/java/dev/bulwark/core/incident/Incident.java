package dev.bulwark.core.incident;

import java.time.Instant;
import java.util.List;

/**
 * A case for the SOC: opened by a rule's decision about an entity, grown by later alerts for the
 * same rule and entity while it is open.
 *
 * @param correlationKey the rule and entity it is about; one OPEN incident per key
 */
public record Incident(
    String id,
    String title,
    Severity severity,
    IncidentStatus status,
    Instant createdAt,
    Instant updatedAt,
    String correlationKey,
    List<String> ruleIds,
    int riskScore,
    int alertCount,
    Entities entities,
    PlaybookRef playbook) {
  /** This incident with another playbook state. */
  public Incident withPlaybook(PlaybookRef newPlaybook, Instant at) {
    return new Incident(
        id,
        title,
        severity,
        status,
        createdAt,
        at,
        correlationKey,
        ruleIds,
        riskScore,
        alertCount,
        entities,
        newPlaybook);
  }

  /** This incident in another status. */
  public Incident withStatus(IncidentStatus newStatus) {
    return new Incident(
        id,
        title,
        severity,
        newStatus,
        createdAt,
        updatedAt,
        correlationKey,
        ruleIds,
        riskScore,
        alertCount,
        entities,
        playbook);
  }
}
