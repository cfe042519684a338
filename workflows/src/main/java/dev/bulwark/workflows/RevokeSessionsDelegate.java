package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;

/** Ends the user's sessions and revokes their tokens. */
public final class RevokeSessionsDelegate extends ResponseActionDelegate {

  public RevokeSessionsDelegate(ResponseActions actions, PlaybookEvents events) {
    super(actions, events);
  }

  @Override
  protected ActionType type() {
    return ActionType.REVOKE_SESSIONS;
  }

  @Override
  protected String targetVariable() {
    return "user";
  }
}
