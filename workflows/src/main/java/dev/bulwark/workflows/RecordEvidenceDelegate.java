package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;

/** Records the incident's evidence (alerts, actions taken) under the incident id. */
public final class RecordEvidenceDelegate extends ResponseActionDelegate {

  public RecordEvidenceDelegate(ResponseActions actions, PlaybookEvents events) {
    super(actions, events);
  }

  @Override
  protected ActionType type() {
    return ActionType.RECORD_EVIDENCE;
  }

  @Override
  protected String targetVariable() {
    return "incidentId";
  }
}
