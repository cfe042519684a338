package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;

/** Tells the people who must know (security, by default) what is happening. */
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
}
