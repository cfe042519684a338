package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.LedgerEntry;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * After a rollback, tells the people the containment was announced to that it was undone, and which
 * targets were left as they were because they already were so before the incident.
 */
public final class RollbackNotifyDelegate implements JavaDelegate {

  private final ActionLedger ledger;
  private final ResponseActions actions;
  private final PlaybookEvents events;

  public RollbackNotifyDelegate(
      ActionLedger ledger, ResponseActions actions, PlaybookEvents events) {
    this.ledger = ledger;
    this.actions = actions;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentId = (String) execution.getVariable("incidentId");
    String reason = reason(incidentId);
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
                      reason),
                  "rollback"));
      if (!result.repeated()) {
        events.actionRan(
            incidentId,
            "NOTIFY " + recipient + " of the rollback: " + result.detail(),
            Map.of("type", "NOTIFY", "target", recipient, "occasion", "rollback"));
      }
    }
  }

  /** What was undone, and what was left because it already was that way before the incident. */
  private String reason(String incidentId) {
    StringBuilder reason = new StringBuilder("The containment was undone.");
    for (LedgerEntry kept :
        RollbackScope.leftAsTheyWere(ledger.forIncident(incidentId), incidentId)) {
      reason.append(' ').append(RollbackScope.leftAsItWas(kept)).append('.');
    }
    return reason.toString();
  }
}
