package dev.bulwark.app.approval;

import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.ApprovalRequests;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Sends each candidate approver a notification with their own signed approve and reject links. The
 * links go only into the notification, never into the ledger or the timeline.
 */
@Component
class ApprovalLinkNotifier implements ApprovalRequests {

  private final IdentityService identity;
  private final ApprovalLinks links;
  private final ResponseActions actions;
  private final PlaybookEvents events;

  ApprovalLinkNotifier(
      @Lazy IdentityService identity,
      ApprovalLinks links,
      ResponseActions actions,
      PlaybookEvents events) {
    this.identity = identity;
    this.links = links;
    this.actions = actions;
    this.events = events;
  }

  @Override
  public void approvalOpened(OpenApproval approval) {
    Set<String> recipients = new LinkedHashSet<>();
    for (String group : approval.candidateGroups()) {
      identity.createUserQuery().memberOfGroup(group).list().stream()
          .map(User::getId)
          .forEach(recipients::add);
    }
    for (String user : recipients) {
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("subject", "Approval needed for incident " + approval.incidentId());
      message.put("actions", String.join(", ", approval.actions()));
      message.put("approveLink", links.url(links.issue(approval.taskId(), user, "approve")));
      message.put("rejectLink", links.url(links.issue(approval.taskId(), user, "reject")));
      actions.perform(
          new ActionRequest(
              approval.incidentId(),
              ActionType.NOTIFY,
              user,
              message,
              "approval-" + approval.taskId()));
    }
    events.noted(
        approval.incidentId(),
        "approval",
        "approval requested from " + (recipients.isEmpty() ? "nobody yet" : recipients),
        Map.of(
            "taskId", approval.taskId(),
            "candidateGroups", approval.candidateGroups(),
            "notified", List.copyOf(recipients),
            "approvalsNeeded", approval.approvalsNeeded()));
  }
}
