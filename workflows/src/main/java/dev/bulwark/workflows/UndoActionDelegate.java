package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.LedgerEntry;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The compensation handler of a containment task: undoes what the ledger says the task did, with
 * the action's inverse (enable what was disabled, release what was isolated). What cannot be undone
 * is said so on the timeline, and for removed MFA methods security is told to re-enrol the user.
 * Each undo is itself a ledger entry ({@code rollback} occasion), so rolling back twice acts once.
 * A target the ledger shows {@link ActionStatus#UNCHANGED} (already disabled, already contained
 * before Bulwark acted) is left as it was, and the timeline says so.
 */
public final class UndoActionDelegate implements JavaDelegate {

  private static final String OCCASION = "rollback";

  private final ActionLedger ledger;
  private final ResponseActions actions;
  private final PlaybookEvents events;

  public UndoActionDelegate(ActionLedger ledger, ResponseActions actions, PlaybookEvents events) {
    this.ledger = ledger;
    this.actions = actions;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ActionType action = ActionType.valueOf(ModelProperties.required(execution, "action"));
    String incidentId = (String) execution.getVariable("incidentId");
    List<LedgerEntry> ledgered = ledger.forIncident(incidentId);
    for (LedgerEntry done : RollbackScope.changed(ledgered, incidentId)) {
      if (done.type() == action) {
        undo(incidentId, done);
      }
    }
    for (LedgerEntry kept : RollbackScope.leftAsTheyWere(ledgered, incidentId)) {
      if (kept.type() == action) {
        // Someone else put the target this way; undoing it would re-open what they closed.
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("undoes", kept.type().name());
        details.put("target", kept.target());
        details.put("status", ActionStatus.UNCHANGED.name());
        events.noted(incidentId, "rollback", RollbackScope.leftAsItWas(kept), details);
      }
    }
  }

  private void undo(String incidentId, LedgerEntry done) {
    ActionType inverse = done.type().inverse();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("undoes", done.type().name());
    details.put("target", done.target());
    if (inverse != null) {
      ActionResult result =
          actions.perform(
              new ActionRequest(
                  incidentId,
                  inverse,
                  done.target(),
                  Map.of("reason", "false positive: undo " + done.type()),
                  OCCASION));
      if (!result.repeated()) {
        details.put("status", result.status().name());
        events.noted(
            incidentId,
            "rollback",
            inverse + " " + done.target() + " (undoes " + done.type() + "): " + result.detail(),
            details);
      }
    } else if (done.type() == ActionType.REMOVE_MFA) {
      ActionResult result =
          actions.perform(
              new ActionRequest(
                  incidentId,
                  ActionType.NOTIFY,
                  "security",
                  Map.of(
                      "subject",
                      "Re-enrol the MFA methods of " + done.target(),
                      "reason",
                      "Incident "
                          + incidentId
                          + " was a false positive. Removed MFA methods cannot be restored"
                          + " automatically: re-enrol them with the user."),
                  OCCASION + "-" + ActionType.REMOVE_MFA.name()));
      if (!result.repeated()) {
        events.noted(
            incidentId,
            "rollback",
            "REMOVE_MFA on "
                + done.target()
                + " cannot be undone automatically; security was asked to re-enrol the user",
            details);
      }
    } else {
      events.noted(
          incidentId,
          "rollback",
          done.type() + " on " + done.target() + " needs no undo: the user signs in again",
          details);
    }
  }
}
