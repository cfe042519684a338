package dev.bulwark.workflows;

import dev.bulwark.core.playbook.PlaybookEvents;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Tells the incident which outcome its playbook reached: the element's {@code outcome} property
 * (several end events can share one outcome), else the element's id.
 */
public final class PlaybookEndListener implements ExecutionListener {

  private final PlaybookEvents events;

  public PlaybookEndListener(PlaybookEvents events) {
    this.events = events;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String outcome =
        ModelProperties.of(execution, "outcome").orElse(execution.getCurrentActivityId());
    events.playbookEnded((String) execution.getVariable("incidentId"), outcome);
  }
}
