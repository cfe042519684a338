package dev.bulwark.workflows;

import dev.bulwark.core.playbook.PlaybookEvents;
import dev.bulwark.core.playbook.PlaybookEvents.ApprovalDecision;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Records every approval decision on the incident's timeline, whichever channel completed the task:
 * the API, the Camunda Tasklist or a link. Bound to the approval tasks' complete event.
 */
public final class ApprovalRecorder implements TaskListener {

  private final PlaybookEvents events;
  private final Clock clock;

  public ApprovalRecorder(PlaybookEvents events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    Object approved = task.getVariable("approved");
    Object comment = task.getVariable("approvalComment");
    Object channel = task.getVariable("approvalChannel");
    var authentication =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String approver =
        authentication != null ? authentication.getUserId() : (String) task.getAssignee();
    events.approvalDecided(
        new ApprovalDecision(
            (String) task.getVariable("incidentId"),
            task.getId(),
            approver == null ? "unknown" : approver,
            Boolean.TRUE.equals(approved),
            comment == null ? null : comment.toString(),
            channel == null ? "tasklist" : channel.toString(),
            clock.instant()));
  }
}
