package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The ports a playbook talks to, recording what they were asked, for process tests. */
final class RecordingPorts implements ResponseActions, PlaybookEvents {

  final List<ActionRequest> performed = new CopyOnWriteArrayList<>();
  final List<ApprovalDecision> approvals = new CopyOnWriteArrayList<>();
  final List<String> endings = new CopyOnWriteArrayList<>();
  final List<String> actionSummaries = new CopyOnWriteArrayList<>();

  @Override
  public ActionResult perform(ActionRequest request) {
    performed.add(request);
    return new ActionResult(ActionStatus.SIMULATED, "recording", "recorded", false);
  }

  @Override
  public void approvalDecided(ApprovalDecision decision) {
    approvals.add(decision);
  }

  @Override
  public void actionRan(String incidentId, String summary, Map<String, Object> details) {
    actionSummaries.add(summary);
  }

  @Override
  public void playbookEnded(String incidentId, String outcome) {
    endings.add(incidentId + ":" + outcome);
  }
}
