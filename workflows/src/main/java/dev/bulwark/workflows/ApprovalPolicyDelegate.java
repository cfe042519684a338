package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Asks the DMN decision {@code approval_policy} how many approvers each of the playbook's actions
 * needs (0, 1 or 2), and sets the variables the rest of the playbook runs on. The latest deployed
 * version of the decision is used, so a redeployed policy applies to the next playbook at once.
 */
public final class ApprovalPolicyDelegate implements JavaDelegate {

  public static final String DECISION_KEY = "approval_policy";

  private final PlaybookTimings timings;
  private final PlaybookEvents events;

  public ApprovalPolicyDelegate(PlaybookTimings timings, PlaybookEvents events) {
    this.timings = timings;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String severity = text(execution.getVariable("severity"), "medium");
    boolean privileged = Boolean.TRUE.equals(execution.getVariable("privileged"));
    String criticality = text(execution.getVariable("assetCriticality"), "medium");
    List<String> auto = new ArrayList<>();
    List<String> gated = new ArrayList<>();
    int required = 0;
    boolean timeoutApproves = true;
    for (String name : ApprovalState.split(execution.getVariable("playbookActions"))) {
      ActionType action = ActionType.valueOf(name);
      DmnDecisionRuleResult verdict =
          execution
              .getProcessEngineServices()
              .getDecisionService()
              .evaluateDecisionTableByKey(DECISION_KEY)
              .variables(
                  Variables.createVariables()
                      .putValue("severity", severity)
                      .putValue("privileged", privileged)
                      .putValue("assetCriticality", criticality)
                      .putValue("actionType", action.name()))
              .evaluate()
              .getSingleResult();
      int approvals = ((Number) verdict.getEntry("approvals")).intValue();
      if (approvals <= 0) {
        auto.add(action.name());
      } else {
        gated.add(action.name());
        required = Math.max(required, approvals);
        timeoutApproves &= "approve".equals(verdict.getEntry("onTimeout"));
      }
    }
    VariableScope instance = execution.getProcessInstance();
    instance.setVariable(ApprovalState.AUTO_ACTIONS, String.join(",", auto));
    instance.setVariable(ApprovalState.GATED_ACTIONS, String.join(",", gated));
    instance.setVariable(ApprovalState.REQUIRED, required);
    instance.setVariable(ApprovalState.APPROVERS, "");
    instance.setVariable(ApprovalState.ON_TIMEOUT, timeoutApproves ? "approve" : "reject");
    instance.setVariable(
        ApprovalState.STATE, gated.isEmpty() ? ApprovalState.NOT_NEEDED : ApprovalState.PENDING);
    Duration escalateAfter = duration(instance, "escalateAfter", timings.escalateAfter());
    duration(instance, "decideWithin", timings.decideWithin());
    duration(instance, "rollbackWindow", timings.rollbackWindow());
    instance.setVariable(
        "approvalDue", new Date(ClockUtil.getCurrentTime().getTime() + escalateAfter.toMillis()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("automatic", auto);
    details.put("needApproval", gated);
    details.put("approversNeeded", required);
    details.put("onTimeout", timeoutApproves && !gated.isEmpty() ? "approve" : "reject");
    events.noted(
        (String) execution.getVariable("incidentId"),
        "approval",
        gated.isEmpty()
            ? "policy: every action runs without approval"
            : "policy: " + String.join(", ", gated) + " need " + required + " approver(s)",
        details);
  }

  private static Duration duration(VariableScope instance, String name, Duration fallback) {
    Object value = instance.getVariable(name);
    if (value == null) {
      instance.setVariable(name, fallback.toString());
      return fallback;
    }
    try {
      return Duration.parse(value.toString());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO-8601 duration such as PT1H; got \"" + value + "\"", e);
    }
  }

  private static String text(Object value, String fallback) {
    return value == null ? fallback : value.toString().toLowerCase(Locale.ROOT);
  }
}
