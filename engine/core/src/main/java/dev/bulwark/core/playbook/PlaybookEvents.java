package dev.bulwark.core.playbook;

import java.time.Instant;

/** What playbooks report back to the incident they run for, to show on its timeline. */
public interface PlaybookEvents {

  /** An analyst decided an approval, through any channel (API, Tasklist, link). */
  void approvalDecided(ApprovalDecision decision);

  /** A response action ran (or was skipped) for the incident. */
  void actionRan(String incidentId, String summary, java.util.Map<String, Object> details);

  /**
   * The playbook reached an outcome: {@code contained} (still open for rollback), {@code rejected},
   * {@code closed}, {@code rolled_back}.
   */
  void playbookEnded(String incidentId, String outcome);

  /**
   * Anything else worth showing on the timeline: the approval policy's verdict, an escalation, a
   * step that failed for good, a rollback step.
   *
   * @param kind the timeline kind, e.g. {@code approval}, {@code playbook}, {@code rollback}
   */
  void noted(String incidentId, String kind, String summary, java.util.Map<String, Object> details);

  /**
   * One approval decision.
   *
   * @param channel {@code api}, {@code tasklist} or {@code link}
   */
  record ApprovalDecision(
      String incidentId,
      String taskId,
      String approver,
      boolean approved,
      String comment,
      String channel,
      Instant at) {}
}
