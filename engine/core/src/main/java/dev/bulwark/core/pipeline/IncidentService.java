package dev.bulwark.core.pipeline;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.IncidentStore;
import dev.bulwark.core.incident.PlaybookRef;
import dev.bulwark.core.incident.PlaybookRef.PlaybookState;
import dev.bulwark.core.incident.Severity;
import dev.bulwark.core.incident.TimelineEntry;
import dev.bulwark.core.rules.Decision;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns rule decisions into incidents: a decision opens an incident, or joins the open incident of
 * the same rule and entity. Called inside the journal processor's transaction.
 */
public final class IncidentService {

  private final IncidentStore store;
  private final Clock clock;

  public IncidentService(IncidentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Applies the decision; returns the incident it opened or grew. */
  public Incident apply(Decision decision, Map<Long, Alert> alerts) {
    Instant now = clock.instant();
    Incident incident =
        store.findOpen(decision.correlationKey()).orElseGet(() -> open(decision, now));
    List<Long> attached = store.attachAlerts(incident.id(), decision.alertSeqs());
    Incident grown = grow(incident, decision, attached.size(), now);
    store.update(grown);
    store.addTimeline(incident.id(), ruleHit(decision, now));
    for (Long seq : attached) {
      Alert alert = alerts.get(seq);
      store.addTimeline(incident.id(), alert != null ? alertJoined(alert) : alertJoined(seq, now));
    }
    return grown;
  }

  private Incident open(Decision decision, Instant now) {
    PlaybookRef playbook =
        decision.playbook() == null
            ? new PlaybookRef(null, null, PlaybookState.NONE)
            : new PlaybookRef(decision.playbook(), null, PlaybookState.PENDING);
    Incident incident =
        new Incident(
            UUID.randomUUID().toString(),
            title(decision),
            decision.severity(),
            IncidentStatus.OPEN,
            now,
            now,
            decision.correlationKey(),
            List.of(decision.ruleId()),
            decision.riskScore(),
            0,
            decision.entities(),
            playbook);
    store.insert(incident);
    return incident;
  }

  private static Incident grow(Incident incident, Decision decision, int attached, Instant now) {
    List<String> ruleIds = new ArrayList<>(incident.ruleIds());
    if (!ruleIds.contains(decision.ruleId())) {
      ruleIds.add(decision.ruleId());
    }
    Severity severity =
        decision.severity().compareTo(incident.severity()) > 0
            ? decision.severity()
            : incident.severity();
    return new Incident(
        incident.id(),
        incident.title(),
        severity,
        incident.status(),
        incident.createdAt(),
        now,
        incident.correlationKey(),
        ruleIds,
        Math.max(incident.riskScore(), decision.riskScore()),
        incident.alertCount() + attached,
        incident.entities().merge(decision.entities()),
        incident.playbook());
  }

  private static String title(Decision decision) {
    String entity = decision.entityKey();
    int colon = entity.indexOf(':');
    return decision.ruleName() + ": " + (colon >= 0 ? entity.substring(colon + 1) : entity);
  }

  private static TimelineEntry ruleHit(Decision decision, Instant now) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ruleId", decision.ruleId());
    details.put("riskScore", decision.riskScore());
    details.put("alerts", decision.alertSeqs());
    return new TimelineEntry(now, "rule_hit", decision.ruleName(), details);
  }

  /** An alert from an earlier batch joined: only its position is at hand. */
  private static TimelineEntry alertJoined(long seq, Instant now) {
    return new TimelineEntry(now, "alert", "alert " + seq, Map.of("seq", seq));
  }

  private static TimelineEntry alertJoined(Alert alert) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("seq", alert.seq());
    details.put("timestamp", alert.timestamp().toString());
    if (alert.eventId() != null) {
      details.put("eventId", alert.eventId());
    }
    return new TimelineEntry(alert.timestamp(), "alert", alert.summary(), details);
  }
}
