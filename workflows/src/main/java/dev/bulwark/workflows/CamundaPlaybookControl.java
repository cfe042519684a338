package dev.bulwark.workflows;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** What an analyst can do to a running playbook from the API: roll it back, retry stuck steps. */
public final class CamundaPlaybookControl {

  /** The message the playbooks' "false positive reported" event subprocess starts on. */
  public static final String FALSE_POSITIVE = "false_positive";

  private final RuntimeService runtime;
  private final ManagementService management;

  public CamundaPlaybookControl(RuntimeService runtime, ManagementService management) {
    this.runtime = runtime;
    this.management = management;
  }

  /** How a false-positive report was taken. */
  public enum Rollback {
    /** Compensation started: what was done is being undone. */
    STARTED,
    /** A rollback had already started (or finished); nothing more was done. */
    ALREADY_RUNNING,
    /** The incident has no running playbook to roll back. */
    NO_PLAYBOOK
  }

  public Rollback reportFalsePositive(String incidentId, String reportedBy) {
    ProcessInstance running = running(incidentId);
    if (running == null) {
      return Rollback.NO_PLAYBOOK;
    }
    try {
      runtime
          .createMessageCorrelation(FALSE_POSITIVE)
          .processInstanceId(running.getId())
          .setVariable("falsePositiveReportedBy", reportedBy)
          .correlateWithResult();
      return Rollback.STARTED;
    } catch (MismatchingMessageCorrelationException alreadyRollingBack) {
      return Rollback.ALREADY_RUNNING;
    }
  }

  /**
   * Gives every step of the incident's playbook whose retries ran out one more attempt; the job
   * executor runs it and Camunda resolves the incident when it succeeds. Returns the steps retried.
   */
  public List<String> retryFailedSteps(String incidentId) {
    ProcessInstance running = running(incidentId);
    if (running == null) {
      return List.of();
    }
    List<Job> failed =
        management.createJobQuery().processInstanceId(running.getId()).noRetriesLeft().list();
    for (Job job : failed) {
      management.setJobRetries(job.getId(), 1);
      // The last back-off may have pushed the due date out; the analyst means now.
      management.setJobDuedate(job.getId(), ClockUtil.getCurrentTime());
    }
    return failed.stream().map(Job::getFailedActivityId).toList();
  }

  private ProcessInstance running(String incidentId) {
    return runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(incidentId)
        .active()
        .list()
        .stream()
        .findFirst()
        .orElse(null);
  }
}
