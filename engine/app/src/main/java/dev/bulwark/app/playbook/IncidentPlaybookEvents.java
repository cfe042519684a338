package dev.bulwark.app.playbook;

import dev.bulwark.core.audit.AuditLog;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.IncidentStore;
import dev.bulwark.core.incident.PlaybookRef;
import dev.bulwark.core.incident.PlaybookRef.PlaybookState;
import dev.bulwark.core.incident.TimelineEntry;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes what playbooks report onto the incident. Runs inside Camunda's transaction (same data
 * source), so a timeline entry exists exactly when the process step it describes committed.
 */
@Component
class IncidentPlaybookEvents implements PlaybookEvents {

  private final IncidentStore store;
  private final Clock clock;
  private final AuditLog audit;

  IncidentPlaybookEvents(IncidentStore store, Clock clock, AuditLog audit) {
    this.audit = audit;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void approvalDecided(ApprovalDecision decision) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("taskId", decision.taskId());
    details.put("approver", decision.approver());
    details.put("decision", decision.approved() ? "approve" : "reject");
    details.put("comment", decision.comment());
    details.put("channel", decision.channel());
    store.addTimeline(
        decision.incidentId(),
        new TimelineEntry(
            decision.at(),
            "approval",
            (decision.approved() ? "approved by " : "rejected by ") + decision.approver(),
            details));
    audit.recordAs(decision.approver(), "approval.decided", decision.incidentId(), details);
  }

  @Override
  public void actionRan(String incidentId, String summary, Map<String, Object> details) {
    store.addTimeline(incidentId, new TimelineEntry(clock.instant(), "action", summary, details));
  }

  @Override
  public void playbookEnded(String incidentId, String outcome) {
    store
        .find(incidentId)
        .ifPresent(
            incident -> {
              // "contained" is a milestone: the playbook stays open for its rollback window.
              PlaybookState state =
                  "contained".equals(outcome) ? PlaybookState.RUNNING : PlaybookState.COMPLETED;
              PlaybookRef reached =
                  new PlaybookRef(
                      incident.playbook().key(), incident.playbook().processInstanceId(), state);
              Incident updated = incident.withPlaybook(reached, clock.instant());
              if ("contained".equals(outcome)) {
                updated = updated.withStatus(IncidentStatus.CONTAINED);
              } else if ("rolled_back".equals(outcome)) {
                updated = updated.withStatus(IncidentStatus.FALSE_POSITIVE);
              }
              store.update(updated);
              store.addTimeline(
                  incidentId,
                  new TimelineEntry(
                      clock.instant(),
                      "playbook",
                      "playbook " + incident.playbook().key() + " reached: " + outcome,
                      Map.of("outcome", outcome)));
            });
  }

  @Override
  public void noted(String incidentId, String kind, String summary, Map<String, Object> details) {
    store.addTimeline(incidentId, new TimelineEntry(clock.instant(), kind, summary, details));
  }
}
