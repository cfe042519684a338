package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** After a rollback, tells the people the containment was announced to that it was undone. */
public final class RollbackNotifyDelegate implements JavaDelegate {

  private final ResponseActions actions;
  private final PlaybookEvents events;

  public RollbackNotifyDelegate(ResponseActions actions, PlaybookEvents events) {
    this.actions = actions;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = (String) execution.getVariable("incidentId");
    for (String recipient : ApprovalState.split(execution.getVariable("notifyTo"))) {
      ActionResult result =
          actions.perform(
              new ActionRequest(
                  incidentId,
                  ActionType.NOTIFY,
                  recipient,
                  Map.of(
                      "subject",
                      "Incident " + incidentId + " was a false positive",
                      "reason",
                      "The containment was undone."),
                  "rollback"));
      if (!result.repeated()) {
        events.actionRan(
            incidentId,
            "NOTIFY " + recipient + " of the rollback: " + result.detail(),
            Map.of("type", "NOTIFY", "target", recipient, "occasion", "rollback"));
      }
    }
  }
}
