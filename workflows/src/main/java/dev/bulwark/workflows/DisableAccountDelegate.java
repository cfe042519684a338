package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;

/** Disables the incident's user account. */
public final class DisableAccountDelegate extends ResponseActionDelegate {

  public DisableAccountDelegate(ResponseActions actions, PlaybookEvents events) {
    super(actions, events);
  }

  @Override
  protected ActionType type() {
    return ActionType.DISABLE_ACCOUNT;
  }

  @Override
  protected String targetVariable() {
    return "user";
  }
}
