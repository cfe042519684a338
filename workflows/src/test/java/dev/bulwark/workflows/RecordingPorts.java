package dev.bulwark.workflows;

import dev.bulwark.core.playbook.ApprovalRequests;
import dev.bulwark.core.playbook.PlaybookEvents;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a playbook reports back to the incident, recorded for process tests. */
final class RecordingPorts implements PlaybookEvents, ApprovalRequests {

  final List<ApprovalDecision> approvals = new CopyOnWriteArrayList<>();
  final List<String> endings = new CopyOnWriteArrayList<>();
  final List<String> actionSummaries = new CopyOnWriteArrayList<>();
  final List<String> notes = new CopyOnWriteArrayList<>();
  final List<OpenApproval> opened = new CopyOnWriteArrayList<>();

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

  @Override
  public void noted(String incidentId, String kind, String summary, Map<String, Object> details) {
    notes.add(kind + ": " + summary);
  }

  @Override
  public void approvalOpened(OpenApproval approval) {
    opened.add(approval);
  }

  void clear() {
    approvals.clear();
    endings.clear();
    actionSummaries.clear();
    notes.clear();
    opened.clear();
  }
}
