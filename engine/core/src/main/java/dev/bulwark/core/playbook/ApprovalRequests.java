package dev.bulwark.core.playbook;

import java.time.Instant;
import java.util.List;

/**
 * Tells the people who may decide that an approval waits for them, with signed links to decide from
 * the notification itself.
 */
public interface ApprovalRequests {

  void approvalOpened(OpenApproval approval);

  /**
   * An approval task that has just been created.
   *
   * @param actions the actions waiting on it
   * @param candidateGroups who may decide
   * @param due when it escalates
   */
  record OpenApproval(
      String incidentId,
      String taskId,
      List<String> actions,
      List<String> candidateGroups,
      int approvalsNeeded,
      Instant due) {}
}
