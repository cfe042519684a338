package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;

/** Cuts the incident's host off the network, but for the EDR's management channel. */
public final class IsolateHostDelegate extends ResponseActionDelegate {

  public IsolateHostDelegate(ResponseActions actions, PlaybookEvents events) {
    super(actions, events);
  }

  @Override
  protected ActionType type() {
    return ActionType.ISOLATE_HOST;
  }

  @Override
  protected String targetVariable() {
    return "host";
  }
}
