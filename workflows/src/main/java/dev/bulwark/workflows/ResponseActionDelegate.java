package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * A service task that performs one response action through the {@link ResponseActions} port. Thin
 * on purpose: the ledger makes it idempotent, the connectors do the work, and the task's async
 * boundary and retry cycle in the BPMN decide what happens when it fails.
 */
public abstract class ResponseActionDelegate implements JavaDelegate {

  private final ResponseActions actions;
  private final PlaybookEvents events;

  protected ResponseActionDelegate(ResponseActions actions, PlaybookEvents events) {
    this.actions = actions;
    this.events = events;
  }

  /** The action this task performs. */
  protected abstract ActionType type();

  /** The process variable that names the target (user, host, recipient). */
  protected abstract String targetVariable();

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = (String) execution.getVariable("incidentId");
    Object target = execution.getVariable(targetVariable());
    String resultVariable = type().name().toLowerCase(java.util.Locale.ROOT) + "Status";
    if (target == null || target.toString().isBlank()) {
      // Nothing to act on is not a failure: a brute force from a VPN has no host to isolate.
      execution.setVariable(resultVariable, "SKIPPED");
      events.actionRan(
          incidentId,
          type() + " skipped: the incident names no " + targetVariable(),
          Map.of("type", type().name()));
      return;
    }
    ActionRequest request =
        new ActionRequest(incidentId, type(), target.toString(), parameters(execution));
    ActionResult result = actions.perform(request);
    execution.setVariable(resultVariable, result.status().name());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("type", type().name());
    details.put("target", request.target());
    details.put("provider", result.provider());
    details.put("status", result.status().name());
    details.put("repeated", result.repeated());
    events.actionRan(incidentId, type() + " " + request.target() + ": " + result.detail(), details);
  }

  /** Inputs the provider gets besides the target. */
  protected Map<String, Object> parameters(DelegateExecution execution) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    Object title = execution.getVariable("title");
    if (title != null) {
      parameters.put("reason", title.toString());
    }
    return parameters;
  }
}
