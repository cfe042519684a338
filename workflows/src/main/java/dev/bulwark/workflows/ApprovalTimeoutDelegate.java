package dev.bulwark.workflows;

import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** The final deadline passed without a decision: the policy's default decides (reject, usually). */
public final class ApprovalTimeoutDelegate implements JavaDelegate {

  private final PlaybookEvents events;

  public ApprovalTimeoutDelegate(PlaybookEvents events) {
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean approve = "approve".equals(execution.getVariable(ApprovalState.ON_TIMEOUT));
    execution
        .getProcessInstance()
        .setVariable(
            ApprovalState.STATE, approve ? ApprovalState.APPROVED : ApprovalState.REJECTED);
    events.noted(
        (String) execution.getVariable("incidentId"),
        "approval",
        "no decision by the final deadline; the policy default applies: "
            + (approve ? "approve" : "reject"),
        Map.of("decision", approve ? "approve" : "reject", "channel", "timeout"));
  }
}
