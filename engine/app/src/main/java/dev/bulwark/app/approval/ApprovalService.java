package dev.bulwark.app.approval;

import dev.bulwark.app.web.BadRequestException;
import dev.bulwark.app.web.NotFoundException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Approval tasks are Camunda user tasks; this is the API's view of them. A decision completes the
 * task with the same variables the Tasklist form sets, so the playbook cannot tell the channels
 * apart except by {@code approvalChannel}.
 */
@Service
class ApprovalService {

  private final TaskService tasks;
  private final IdentityService identity;

  ApprovalService(TaskService tasks, IdentityService identity) {
    this.tasks = tasks;
    this.identity = identity;
  }

  List<Approval> open() {
    return tasks.createTaskQuery().active().orderByTaskCreateTime().asc().list().stream()
        .filter(task -> task.getProcessInstanceId() != null)
        .map(this::approval)
        .toList();
  }

  void decide(String taskId, String decision, String comment, String user, List<String> groups) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      throw new NotFoundException(
          "no open approval " + taskId + " (already decided, or never existed)");
    }
    boolean approved =
        switch (Objects.requireNonNullElse(decision, "")) {
          case "approve" -> true;
          case "reject" -> false;
          default ->
              throw new BadRequestException(
                  "decision must be \"approve\" or \"reject\"; got "
                      + (decision == null ? "nothing" : "\"" + decision + "\""));
        };
    Map<String, Object> variables = new HashMap<>();
    variables.put("approved", approved);
    variables.put("approvalComment", comment);
    variables.put("approvalChannel", "api");
    // Camunda checks its own authorizations against this user and groups, and the playbook's
    // ApprovalRecorder reads the user from here onto the timeline.
    identity.setAuthentication(user, groups);
    try {
      tasks.complete(taskId, variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private Approval approval(Task task) {
    Object incidentId = tasks.getVariable(task.getId(), "incidentId");
    Object gated = tasks.getVariable(task.getId(), "gatedActions");
    List<String> groups =
        tasks.getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
            .map(IdentityLink::getGroupId)
            .filter(Objects::nonNull)
            .toList();
    return new Approval(
        task.getId(),
        incidentId == null ? null : incidentId.toString(),
        task.getName(),
        gated == null ? List.of() : Arrays.asList(gated.toString().split(",")),
        groups,
        task.getCreateTime() == null ? null : task.getCreateTime().toInstant(),
        task.getDueDate() == null ? null : task.getDueDate().toInstant());
  }

  /** An open approval as the API shows it. */
  record Approval(
      String id,
      String incidentId,
      String name,
      List<String> actions,
      List<String> candidateGroups,
      Instant createdAt,
      Instant due) {}
}
