package dev.bulwark.app.approval;

import dev.bulwark.app.web.BadRequestException;
import dev.bulwark.app.web.NotFoundException;
import dev.bulwark.workflows.ApprovalRefusedException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
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
  private final HistoryService history;

  ApprovalService(TaskService tasks, IdentityService identity, HistoryService history) {
    this.tasks = tasks;
    this.identity = identity;
    this.history = history;
  }

  List<Approval> open() {
    return tasks
        .createTaskQuery()
        .active()
        .taskDefinitionKey("approve_containment")
        .orderByTaskCreateTime()
        .asc()
        .list()
        .stream()
        .filter(task -> task.getProcessInstanceId() != null)
        .map(this::approval)
        .toList();
  }

  Approval find(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      throw new NotFoundException(
          "no open approval " + taskId + " (already decided, or never existed)");
    }
    return approval(task);
  }

  /**
   * @param groups the decider's Camunda groups: Camunda checks its authorizations against them
   * @param channel {@code api}, {@code link}, ...
   */
  Decided decide(
      String taskId,
      String decision,
      String comment,
      String user,
      List<String> groups,
      String channel) {
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
    variables.put("approvalChannel", channel);
    // Camunda checks its own authorizations against this user and groups, and the playbook's
    // ApprovalRecorder reads the user from here onto the timeline.
    identity.setAuthentication(user, groups);
    try {
      tasks.complete(taskId, variables);
    } catch (ProcessEngineException e) {
      throw ApprovalRefusedException.in(e)
          .<RuntimeException>map(refused -> new ApprovalRefused(refused.getMessage()))
          .orElse(e);
    } finally {
      identity.clearAuthentication();
    }
    String processInstanceId = task.getProcessInstanceId();
    return new Decided(
        taskId,
        decision,
        user,
        channel,
        (String) variable(processInstanceId, "approvalState"),
        count(variable(processInstanceId, "approvers")),
        (Integer) variable(processInstanceId, "approvalsRequired"));
  }

  /** The Camunda groups of a user who decides without a session (a signed link names them). */
  List<String> groupsOf(String user) {
    return identity.createGroupQuery().groupMember(user).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId)
        .toList();
  }

  private Object variable(String processInstanceId, String name) {
    HistoricVariableInstance value =
        history
            .createHistoricVariableInstanceQuery()
            .processInstanceId(processInstanceId)
            .variableName(name)
            .singleResult();
    return value == null ? null : value.getValue();
  }

  private Approval approval(Task task) {
    Object incidentId = tasks.getVariable(task.getId(), "incidentId");
    Object gated = tasks.getVariable(task.getId(), "gatedActions");
    Object needed = tasks.getVariable(task.getId(), "approvalsRequired");
    Object approvers = tasks.getVariable(task.getId(), "approvers");
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
        gated == null || gated.toString().isBlank()
            ? List.of()
            : Arrays.asList(gated.toString().split(",")),
        groups,
        needed == null ? 1 : ((Number) needed).intValue(),
        approvers == null || approvers.toString().isBlank()
            ? List.of()
            : Arrays.asList(approvers.toString().split(",")),
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
      int approvalsNeeded,
      List<String> approvedBy,
      Instant createdAt,
      Instant due) {}

  /**
   * A decision taken.
   *
   * @param state where the approval stands now: {@code pending} (another approver is needed),
   *     {@code approved}, {@code rejected}
   */
  record Decided(
      String id,
      String decision,
      String decidedBy,
      String channel,
      String state,
      int approvals,
      Integer needed) {}

  /** The rules refused the decision (two-person rule, the contained identity deciding). */
  static final class ApprovalRefused extends RuntimeException {
    ApprovalRefused(String message) {
      super(message);
    }
  }

  private static int count(Object approvers) {
    return approvers == null || approvers.toString().isBlank()
        ? 0
        : approvers.toString().split(",").length;
  }
}
