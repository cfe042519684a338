package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * A service task that performs one response action through the {@link ResponseActions} port. Thin
 * on purpose: the ledger makes it idempotent, the connectors do the work, and the task's async
 * boundary and retry cycle in the BPMN decide what happens when it fails.
 *
 * <p>A playbook passes its actions twice when some need approval: first only the actions the policy
 * lets run at once act, the others wait; after the approval only the waiting ones act.
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
    String resultVariable = type().name().toLowerCase(Locale.ROOT) + "Status";
    switch (turn(execution)) {
      case ALREADY_RAN:
        return;
      case WAIT:
        execution.setVariable(resultVariable, "AWAITING_APPROVAL");
        events.actionRan(
            incidentId,
            type() + " waits for approval",
            Map.of("type", type().name(), "status", "AWAITING_APPROVAL"));
        return;
      case ACT:
      default:
        break;
    }
    List<String> targets = targets(execution);
    if (targets.isEmpty()) {
      // Nothing to act on is not a failure: a brute force from a VPN has no host to isolate.
      execution.setVariable(resultVariable, "SKIPPED");
      events.actionRan(
          incidentId,
          type() + " skipped: the incident names no " + targetVariable(),
          Map.of("type", type().name()));
      return;
    }
    for (String target : targets) {
      ActionRequest request = new ActionRequest(incidentId, type(), target, parameters(execution));
      ActionResult result = actions.perform(request);
      execution.setVariable(resultVariable, result.status().name());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("type", type().name());
      details.put("target", request.target());
      details.put("provider", result.provider());
      details.put("status", result.status().name());
      details.put("repeated", result.repeated());
      events.actionRan(
          incidentId, type() + " " + request.target() + ": " + result.detail(), details);
    }
  }

  /** The targets to act on; one each, in order. Empty when the incident names none. */
  protected List<String> targets(DelegateExecution execution) {
    Object target = execution.getVariable(targetVariable());
    return target == null || target.toString().isBlank() ? List.of() : List.of(target.toString());
  }

  /**
   * Inputs the provider gets besides the target: the incident's title ({@code reason}), and, for a
   * notification or a ticket to show, its severity and entities.
   */
  protected Map<String, Object> parameters(DelegateExecution execution) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    Object title = execution.getVariable("title");
    if (title != null) {
      parameters.put("reason", title.toString());
    }
    Object severity = execution.getVariable("severity");
    if (severity != null) {
      parameters.put("severity", severity.toString());
    }
    Map<String, Object> entities = new LinkedHashMap<>();
    for (String kind : List.of("user", "host", "ip")) {
      Object value = execution.getVariable(kind);
      if (value != null && !value.toString().isBlank()) {
        entities.put(kind, value.toString());
      }
    }
    if (!entities.isEmpty()) {
      parameters.put("entities", entities);
    }
    return parameters;
  }

  private enum Turn {
    ACT,
    WAIT,
    ALREADY_RAN
  }

  private Turn turn(DelegateExecution execution) {
    Object state = execution.getVariable(ApprovalState.STATE);
    if (state == null || ApprovalState.NOT_NEEDED.equals(state)) {
      return Turn.ACT;
    }
    Set<String> auto = ApprovalState.split(execution.getVariable(ApprovalState.AUTO_ACTIONS));
    boolean automatic = auto.contains(type().name());
    if (ApprovalState.APPROVED.equals(state)) {
      return automatic ? Turn.ALREADY_RAN : Turn.ACT;
    }
    return automatic ? Turn.ACT : Turn.WAIT;
  }
}
