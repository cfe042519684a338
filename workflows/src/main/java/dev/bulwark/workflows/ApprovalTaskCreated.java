package dev.bulwark.workflows;

import dev.bulwark.core.playbook.ApprovalRequests;
import dev.bulwark.core.playbook.ApprovalRequests.OpenApproval;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * When an approval task is created: keeps an escalated approval with soc-leads (the two-person rule
 * creates a fresh task per round), and tells the candidates, with their signed links.
 */
public final class ApprovalTaskCreated implements TaskListener {

  public static final String LEADS = "soc-leads";

  private final ApprovalRequests requests;

  public ApprovalTaskCreated(ApprovalRequests requests) {
    this.requests = requests;
  }

  @Override
  public void notify(DelegateTask task) {
    if (Boolean.TRUE.equals(task.getVariable(ApprovalState.ESCALATED))) {
      task.addCandidateGroup(LEADS);
    }
    List<String> groups = new ArrayList<>();
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    Object required = task.getVariable(ApprovalState.REQUIRED);
    requests.approvalOpened(
        new OpenApproval(
            (String) task.getVariable("incidentId"),
            task.getId(),
            List.copyOf(ApprovalState.split(task.getVariable(ApprovalState.GATED_ACTIONS))),
            groups,
            required == null ? 1 : ((Number) required).intValue(),
            task.getDueDate() == null
                ? null
                : Objects.requireNonNull(task.getDueDate()).toInstant()));
  }
}
