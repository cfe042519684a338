package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Tells the people who must know what is happening: the comma-separated recipients in the task's
 * {@code notifyTo} input, each its own ledger entry so a retry does not notify anyone twice.
 */
public final class NotifyStakeholdersDelegate extends ResponseActionDelegate {

  public NotifyStakeholdersDelegate(ResponseActions actions, PlaybookEvents events) {
    super(actions, events);
  }

  @Override
  protected ActionType type() {
    return ActionType.NOTIFY;
  }

  @Override
  protected String targetVariable() {
    return "notifyTo";
  }

  @Override
  protected List<String> targets(DelegateExecution execution) {
    return List.copyOf(ApprovalState.split(execution.getVariable(targetVariable())));
  }
}
