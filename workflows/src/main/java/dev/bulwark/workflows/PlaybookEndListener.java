package dev.bulwark.workflows;

import dev.bulwark.core.playbook.PlaybookEvents;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/** Tells the incident how its playbook ended; the outcome is the end event's id. */
public final class PlaybookEndListener implements ExecutionListener {

  private final PlaybookEvents events;

  public PlaybookEndListener(PlaybookEvents events) {
    this.events = events;
  }

  @Override
  public void notify(DelegateExecution execution) {
    events.playbookEnded(
        (String) execution.getVariable("incidentId"), execution.getCurrentActivityId());
  }
}
