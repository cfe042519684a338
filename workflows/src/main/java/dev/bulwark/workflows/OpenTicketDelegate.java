package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;

/** Opens a ticket in the queue named by the task's ticketQueue input. */
public final class OpenTicketDelegate extends ResponseActionDelegate {

  public OpenTicketDelegate(ResponseActions actions, PlaybookEvents events) {
    super(actions, events);
  }

  @Override
  protected ActionType type() {
    return ActionType.OPEN_TICKET;
  }

  @Override
  protected String targetVariable() {
    return "ticketQueue";
  }
}
