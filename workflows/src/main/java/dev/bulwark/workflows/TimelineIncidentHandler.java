package dev.bulwark.workflows;

import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;

/**
 * Camunda's usual handling of a job whose retries ran out, or that failed for a reason retrying
 * cannot fix ({@link NonRetryableFailures}): an incident in Cockpit, plus an entry on the Bulwark
 * incident's timeline with the cause, so the analyst sees the stuck step where they look.
 */
public final class TimelineIncidentHandler extends DefaultIncidentHandler {

  private final PlaybookEvents events;

  public TimelineIncidentHandler(PlaybookEvents events) {
    super(Incident.FAILED_JOB_HANDLER_TYPE);
    this.events = events;
  }

  @Override
  public Incident handleIncident(IncidentContext context, String message) {
    Incident incident = super.handleIncident(context, message);
    if (context.getExecutionId() == null) {
      return incident;
    }
    ExecutionEntity execution =
        Context.getCommandContext()
            .getExecutionManager()
            .findExecutionById(context.getExecutionId());
    Object incidentId = execution == null ? null : execution.getVariable("incidentId");
    if (incidentId != null) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("step", context.getActivityId());
      details.put("camundaIncidentId", incident.getId());
      details.put("error", message);
      boolean notRetried = message != null && message.startsWith(NonRetryableFailures.PREFIX);
      details.put("retried", !notRetried);
      events.noted(
          incidentId.toString(),
          "playbook",
          "step "
              + context.getActivityId()
              + (notRetried
                  ? " failed and was not retried, as retrying cannot help: "
                      + message.substring(NonRetryableFailures.PREFIX.length())
                  : " failed after its retries: " + message)
              + "; fix the cause, then POST /api/v1/incidents/"
              + incidentId
              + "/retry",
          details);
    }
    return incident;
  }
}
