package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Removes the MFA methods registered to the user since the incident window opened (a planted
 * authenticator is how an operative gets back in).
 */
public final class RemoveMfaDelegate extends ResponseActionDelegate {

  public RemoveMfaDelegate(ResponseActions actions, PlaybookEvents events) {
    super(actions, events);
  }

  @Override
  protected ActionType type() {
    return ActionType.REMOVE_MFA;
  }

  @Override
  protected String targetVariable() {
    return "user";
  }

  @Override
  protected Map<String, Object> parameters(DelegateExecution execution) {
    Map<String, Object> parameters = super.parameters(execution);
    Object since = execution.getVariable("incidentWindowStart");
    if (since != null) {
      parameters.put("registeredSince", since.toString());
    }
    return parameters;
  }
}
