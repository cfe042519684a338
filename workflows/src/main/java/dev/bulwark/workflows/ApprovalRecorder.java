package dev.bulwark.workflows;

import dev.bulwark.core.playbook.PlaybookEvents;
import dev.bulwark.core.playbook.PlaybookEvents.ApprovalDecision;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Applies the two-person rule to each decision and records it on the incident's timeline, whichever
 * channel completed the task: the API, the Camunda Tasklist or a signed link. Bound to the approval
 * task's complete event, so a refused decision rolls the completion back and the task stays open.
 *
 * <p>A rejection decides at once. Approvals count per distinct user: the same person approving
 * twice counts once, and the task comes back until enough distinct people approved. Neither the
 * user who requested the playbook nor the identity being contained may approve.
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
    String approver = approver(task);
    boolean approved = Boolean.TRUE.equals(task.getVariable("approved"));
    if (approver.equals(task.getVariable("user"))) {
      throw new ApprovalRefusedException(
          approver + " is the identity this playbook contains and cannot decide on it");
    }
    if (approved && approver.equals(task.getVariable("requestedBy"))) {
      throw new ApprovalRefusedException(
          approver + " requested this containment and cannot also approve it (two-person rule)");
    }
    Set<String> approvers = ApprovalState.split(task.getVariable(ApprovalState.APPROVERS));
    Object requiredValue = task.getVariable(ApprovalState.REQUIRED);
    int required = requiredValue == null ? 1 : ((Number) requiredValue).intValue();
    boolean counted = approved && approvers.add(approver);
    String state;
    if (!approved) {
      state = ApprovalState.REJECTED;
    } else if (approvers.size() >= required) {
      state = ApprovalState.APPROVED;
    } else {
      state = ApprovalState.PENDING;
    }
    var instance = task.getExecution().getProcessInstance();
    instance.setVariable(ApprovalState.APPROVERS, String.join(",", approvers));
    instance.setVariable(ApprovalState.STATE, state);
    String incidentId = (String) task.getVariable("incidentId");
    Object comment = task.getVariable("approvalComment");
    Object channel = task.getVariable("approvalChannel");
    events.approvalDecided(
        new ApprovalDecision(
            incidentId,
            task.getId(),
            approver,
            approved,
            comment == null ? null : comment.toString(),
            channel == null ? "tasklist" : channel.toString(),
            clock.instant()));
    if (approved && !counted) {
      events.noted(
          incidentId,
          "approval",
          approver + " approved again; counts once (" + approvers.size() + " of " + required + ")",
          Map.of("approver", approver, "approvals", approvers.size(), "needed", required));
    } else if (ApprovalState.PENDING.equals(state)) {
      events.noted(
          incidentId,
          "approval",
          "approval " + approvers.size() + " of " + required + "; waiting for another approver",
          Map.of("approvals", approvers.size(), "needed", required));
    }
    // The Tasklist form leaves these set; the next round's task must start from a clean slate.
    instance.removeVariable("approvalChannel");
  }

  private static String approver(DelegateTask task) {
    var authentication =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String approver = authentication != null ? authentication.getUserId() : task.getAssignee();
    // No signed-in user (the REST API before authentication is configured): recorded as unknown,
    // which still counts as one person only, so it cannot satisfy a two-person rule alone.
    if (approver == null || approver.isBlank()) {
      return "unknown";
    }
    return approver;
  }
}
