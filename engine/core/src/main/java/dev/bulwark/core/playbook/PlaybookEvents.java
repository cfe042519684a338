package dev.bulwark.core.playbook;

import java.time.Instant;

/** What playbooks report back to the incident they run for, to show on its timeline. */
public interface PlaybookEvents {

  /** An analyst decided an approval, through any channel (API, Tasklist, link). */
  void approvalDecided(ApprovalDecision decision);

  /** A response action ran (or was skipped) for the incident. */
  void actionRan(String incidentId, String summary, java.util.Map<String, Object> details);

  /** The playbook reached an end: {@code contained}, {@code rejected}, ... */
  void playbookEnded(String incidentId, String outcome);

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
