package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;

/**
 * Nobody decided in time: raise the approval to soc-leads and page on-call through the notification
 * connector. The approval stays open; the final deadline is a separate timer.
 */
public final class ApprovalEscalationDelegate implements JavaDelegate {

  private final ResponseActions actions;
  private final PlaybookEvents events;
  private final String onCall;

  public ApprovalEscalationDelegate(ResponseActions actions, PlaybookEvents events, String onCall) {
    this.actions = actions;
    this.events = events;
    this.onCall = onCall;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = (String) execution.getVariable("incidentId");
    execution.getProcessInstance().setVariable(ApprovalState.ESCALATED, true);
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task :
        tasks
            .createTaskQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .taskDefinitionKey("approve_containment")
            .list()) {
      tasks.addCandidateGroup(task.getId(), ApprovalTaskCreated.LEADS);
    }
    actions.perform(
        new ActionRequest(
            incidentId,
            ActionType.NOTIFY,
            onCall,
            Map.of(
                "subject",
                "Approval overdue for incident " + incidentId,
                "reason",
                String.valueOf(execution.getVariable("title"))),
            "escalation"));
    events.noted(
        incidentId,
        "approval",
        "approval escalated: " + onCall + " notified, raised to " + ApprovalTaskCreated.LEADS,
        Map.of("notified", onCall, "candidateGroup", ApprovalTaskCreated.LEADS));
  }
}
