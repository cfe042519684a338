package dev.bulwark.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.incident.Severity;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The compromised-account playbook under the shipped approval policy, path by path. */
class ContainCompromisedAccountTest {

  private static final String PLAYBOOK = "contain_compromised_account";
  private static final PlaybookWorld world = new PlaybookWorld("cca").start();

  @RegisterExtension
  static ProcessEngineExtension extension =
      ProcessEngineExtension.builder().useProcessEngine(world.engine).build();

  @BeforeEach
  void clean() {
    BpmnAwareTests.init(world.engine);
    world.ports.clear();
    world.target.clear();
    // Frozen: timers and back-offs move only when a test moves the clock, however slow the machine.
    ClockUtil.setCurrentTime(new Date());
  }

  @AfterEach
  void endEveryPlaybook() {
    ClockUtil.reset();
    world
        .engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .list()
        .forEach(
            p ->
                world
                    .engine
                    .getRuntimeService()
                    .deleteProcessInstance(p.getId(), "test over", true, true));
  }

  @Test
  void atHighSeverityRevokesAndNotifiesAtOnceAndWaitsForAnApproverToDisableAndIsolate() {
    ProcessInstance instance = start("inc-high", Severity.HIGH, "jdoe", "laptop-7");

    world.runJobs();

    assertThat(world.performed())
        .containsExactlyInAnyOrder("REVOKE_SESSIONS jdoe", "NOTIFY security");
    BpmnAwareTests.assertThat(instance).isWaitingAt("approve_containment");
    Task approval = world.approvalTask(instance.getId());
    assertThat(groups(approval)).containsExactly("soc-analysts");
    assertThat(approval.getDueDate()).isAfter(ClockUtil.getCurrentTime());
    assertThat(world.engine.getTaskService().getVariable(approval.getId(), "gatedActions"))
        .isEqualTo("DISABLE_ACCOUNT,ISOLATE_HOST");
    assertThat(world.ports.opened)
        .singleElement()
        .satisfies(o -> assertThat(o.actions()).containsExactly("DISABLE_ACCOUNT", "ISOLATE_HOST"));
    assertThat(world.ports.actionSummaries)
        .contains("DISABLE_ACCOUNT waits for approval", "ISOLATE_HOST waits for approval");
  }

  @Test
  void oneApprovalContainsTheAccountAndTheHostAndEachActionHappensOnce() {
    ProcessInstance instance = start("inc-one", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();

    world.decide(instance.getId(), "alice", true, "confirmed with HR");
    world.runJobs();

    assertThat(world.performed())
        .containsExactlyInAnyOrder(
            "REVOKE_SESSIONS jdoe",
            "NOTIFY security",
            "DISABLE_ACCOUNT jdoe",
            "ISOLATE_HOST laptop-7");
    assertThat(world.ports.approvals)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.approver()).isEqualTo("alice");
              assertThat(d.comment()).isEqualTo("confirmed with HR");
              assertThat(d.channel()).isEqualTo("api");
            });
    assertThat(world.ports.endings).containsExactly("inc-one:contained");
    BpmnAwareTests.assertThat(instance).isWaitingAt("review_containment");
  }

  @Test
  void atMediumSeverityRevokingWaitsTooAndStillComesBeforeDisabling() {
    ProcessInstance instance = start("inc-medium", Severity.MEDIUM, "jdoe", "laptop-7");
    world.runJobs();
    assertThat(world.performed()).containsExactly("NOTIFY security");

    world.decide(instance.getId(), "alice", true, null);
    world.runJobs();

    List<String> done = world.performed();
    assertThat(done.indexOf("REVOKE_SESSIONS jdoe"))
        .isLessThan(done.indexOf("DISABLE_ACCOUNT jdoe"));
    assertThat(world.ports.endings).containsExactly("inc-medium:contained");
  }

  @Test
  void aRejectionEndsThePlaybookWithOnlyTheAutomaticActionsDone() {
    ProcessInstance instance = start("inc-reject", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();

    world.decide(instance.getId(), "alice", false, "known pentest");
    world.runJobs();

    assertThat(world.performed())
        .containsExactlyInAnyOrder("REVOKE_SESSIONS jdoe", "NOTIFY security");
    assertThat(world.ports.endings).containsExactly("inc-reject:rejected");
    BpmnAwareTests.assertThat(instance).isEnded();
  }

  @Test
  void aPrivilegedIdentityNeedsTwoDistinctApproversAndTheSamePersonTwiceCountsOnce() {
    ProcessInstance instance = start("inc-two", Severity.HIGH, "adm-root", "dc-1");
    world.runJobs();
    assertThat(world.engine.getRuntimeService().getVariable(instance.getId(), "approvalsRequired"))
        .isEqualTo(2);

    world.decide(instance.getId(), "alice", true, "first");
    world.runJobs();
    BpmnAwareTests.assertThat(instance).isWaitingAt("approve_containment");
    world.decide(instance.getId(), "alice", true, "alice again");
    world.runJobs();
    BpmnAwareTests.assertThat(instance).isWaitingAt("approve_containment");
    assertThat(world.performed()).doesNotContain("DISABLE_ACCOUNT adm-root");
    assertThat(world.ports.notes).contains("approval: alice approved again; counts once (1 of 2)");

    world.decide(instance.getId(), "bob", true, "second");
    world.runJobs();

    assertThat(world.performed()).contains("DISABLE_ACCOUNT adm-root", "REVOKE_SESSIONS adm-root");
    assertThat(world.ports.approvals)
        .extracting(d -> d.approver())
        .containsExactly("alice", "alice", "bob");
    assertThat(world.ports.endings).containsExactly("inc-two:contained");
  }

  @Test
  void theRequesterCannotApproveAndTheTaskStaysOpen() {
    ProcessInstance instance =
        start("inc-requester", Severity.HIGH, "jdoe", "laptop-7", Map.of("requestedBy", "carol"));
    world.runJobs();

    Throwable refused = catchThrowable(() -> world.decide(instance.getId(), "carol", true, null));

    assertThat(ApprovalRefusedException.in(refused))
        .hasValueSatisfying(
            e -> assertThat(e.getMessage()).contains("carol requested this containment"));
    BpmnAwareTests.assertThat(instance).isWaitingAt("approve_containment");
    assertThat(world.ports.approvals).isEmpty();
  }

  @Test
  void theIdentityBeingContainedCannotDecide() {
    ProcessInstance instance = start("inc-self", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();

    Throwable refused = catchThrowable(() -> world.decide(instance.getId(), "jdoe", false, null));

    assertThat(ApprovalRefusedException.in(refused)).isPresent();
    BpmnAwareTests.assertThat(instance).isWaitingAt("approve_containment");
  }

  @Test
  void anUndecidedApprovalEscalatesToLeadsAndOnCallAfterAnHour() {
    ProcessInstance instance = start("inc-escalate", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();

    later(Duration.ofMinutes(61));
    world.runJobs();

    Task approval = world.approvalTask(instance.getId());
    assertThat(groups(approval)).containsExactlyInAnyOrder("soc-analysts", "soc-leads");
    assertThat(world.performed()).contains("NOTIFY on-call (escalation)");
    assertThat(world.ports.notes)
        .contains("approval: approval escalated: on-call notified, raised to soc-leads");
    BpmnAwareTests.assertThat(instance).isWaitingAt("approve_containment");
  }

  @Test
  void pastTheFinalDeadlineThePolicyDefaultRejects() {
    ProcessInstance instance = start("inc-deadline", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();

    later(Duration.ofMinutes(61));
    world.runJobs();
    later(Duration.ofHours(3));
    world.runJobs();

    assertThat(world.ports.endings).containsExactly("inc-deadline:rejected");
    assertThat(world.performed()).doesNotContain("DISABLE_ACCOUNT jdoe");
    assertThat(world.ports.notes)
        .contains(
            "approval: no decision by the final deadline; the policy default applies: reject");
    BpmnAwareTests.assertThat(instance).isEnded();
  }

  @Test
  void aFailingConnectorIsRetriedWithBackOffAndActsOnce() {
    ProcessInstance instance = start("inc-retry", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();
    world.target.failNext(ActionType.DISABLE_ACCOUNT, 1);

    world.decide(instance.getId(), "alice", true, null);
    world.runJobs();
    assertThat(world.performed()).doesNotContain("DISABLE_ACCOUNT jdoe");
    assertThat(world.engine.getRuntimeService().createIncidentQuery().count()).isZero();

    later(Duration.ofSeconds(11));
    world.runJobs();

    assertThat(world.performed()).containsOnlyOnce("DISABLE_ACCOUNT jdoe");
    assertThat(world.ports.endings).containsExactly("inc-retry:contained");
  }

  @Test
  void exhaustedRetriesRaiseAnIncidentOnTheTimelineAndAnAnalystCanRetryOnceFixed() {
    ProcessInstance instance = start("inc-stuck", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();
    world.target.failNext(ActionType.ISOLATE_HOST, 100);
    world.decide(instance.getId(), "alice", true, null);
    world.runJobs();
    for (Duration backOff :
        List.of(Duration.ofSeconds(11), Duration.ofMinutes(2), Duration.ofMinutes(6))) {
      later(backOff);
      world.runJobs();
    }

    assertThat(
            world
                .engine
                .getRuntimeService()
                .createIncidentQuery()
                .processInstanceId(instance.getId())
                .list())
        .singleElement()
        .satisfies(i -> assertThat(i.getActivityId()).isEqualTo("isolate_host"));
    assertThat(world.ports.notes)
        .anyMatch(n -> n.startsWith("playbook: step isolate_host failed after its retries"));
    assertThat(world.ports.endings).isEmpty();

    world.target.failNext(ActionType.ISOLATE_HOST, 0);
    assertThat(world.control.retryFailedSteps("inc-stuck")).containsExactly("isolate_host");
    world.runJobs();

    assertThat(world.performed()).containsOnlyOnce("ISOLATE_HOST laptop-7");
    assertThat(
            world
                .engine
                .getRuntimeService()
                .createIncidentQuery()
                .processInstanceId(instance.getId())
                .count())
        .isZero();
    assertThat(world.ports.endings).containsExactly("inc-stuck:contained");
  }

  @Test
  void aFailureRetryingCannotFixRaisesTheIncidentAtOnceWithItsCauseAndAnAnalystRetriesIt() {
    ProcessInstance instance = start("inc-refused", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();
    world.target.refuseNext(ActionType.DISABLE_ACCOUNT, 1);

    world.decide(instance.getId(), "alice", true, null);
    world.runJobs();

    // No clock moved: the incident is there after the first failure, not after the back-offs.
    assertThat(incidents(instance))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.getActivityId()).isEqualTo("disable_account");
              assertThat(i.getIncidentMessage())
                  .isEqualTo("not retryable: DISABLE_ACCOUNT refused: forbidden");
            });
    assertThat(world.ports.notes)
        .contains(
            "playbook: step disable_account failed and was not retried, as retrying cannot help:"
                + " DISABLE_ACCOUNT refused: forbidden; fix the cause, then POST"
                + " /api/v1/incidents/inc-refused/retry");
    for (Duration backOff :
        List.of(Duration.ofSeconds(11), Duration.ofMinutes(2), Duration.ofMinutes(6))) {
      later(backOff);
      world.runJobs();
    }
    assertThat(world.target.failed)
        .extracting(PlaybookWorld::describe)
        .as("the back-off cycle did not call the target again")
        .containsExactly("DISABLE_ACCOUNT jdoe");
    assertThat(world.ports.endings).isEmpty();

    assertThat(world.control.retryFailedSteps("inc-refused")).containsExactly("disable_account");
    world.runJobs();

    assertThat(world.performed()).containsOnlyOnce("DISABLE_ACCOUNT jdoe");
    assertThat(incidents(instance)).isEmpty();
    assertThat(world.ports.endings).containsExactly("inc-refused:contained");
  }

  @Test
  void aFalsePositiveLeavesAnAccountThatWasAlreadyDisabledAsItWasAndSaysSo() {
    world.target.alreadyAsAsked(ActionType.DISABLE_ACCOUNT, "jdoe");
    ProcessInstance instance = start("inc-unchanged", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();
    world.decide(instance.getId(), "alice", true, null);
    world.runJobs();
    assertThat(world.ledger.forIncident("inc-unchanged"))
        .filteredOn(e -> e.type() == ActionType.DISABLE_ACCOUNT)
        .singleElement()
        .extracting(e -> e.status())
        .isEqualTo(dev.bulwark.core.action.ActionStatus.UNCHANGED);

    world.control.reportFalsePositive("inc-unchanged", "alice");
    world.runJobs();

    assertThat(world.performed())
        .contains("RELEASE_HOST laptop-7 (rollback)")
        .doesNotContain("ENABLE_ACCOUNT jdoe (rollback)");
    assertThat(world.ports.notes)
        .contains("rollback: jdoe was already disabled before the incident; left disabled");
    assertThat(world.target.performed)
        .filteredOn(r -> "rollback".equals(r.occasion()) && r.type() == ActionType.NOTIFY)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.parameters().get("reason"))
                    .isEqualTo(
                        "The containment was undone. jdoe was already disabled before the"
                            + " incident; left disabled."));
    assertThat(world.ports.endings)
        .containsExactly("inc-unchanged:contained", "inc-unchanged:rolled_back");
  }

  @Test
  void aFalsePositiveAfterFullContainmentUndoesItLatestFirstAndTellsSecurity() {
    ProcessInstance instance = start("inc-fp", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();
    world.decide(instance.getId(), "alice", true, null);
    world.runJobsOneSecondApart();
    List<String> forward = world.performed();

    assertThat(world.control.reportFalsePositive("inc-fp", "alice"))
        .isEqualTo(CamundaPlaybookControl.Rollback.STARTED);
    world.runJobs();

    List<String> undone = world.performed().subList(forward.size(), world.performed().size());
    assertThat(undone)
        .containsExactlyInAnyOrder(
            "ENABLE_ACCOUNT jdoe (rollback)",
            "RELEASE_HOST laptop-7 (rollback)",
            "NOTIFY security (rollback)");
    boolean disabledLast =
        forward.indexOf("DISABLE_ACCOUNT jdoe") > forward.indexOf("ISOLATE_HOST laptop-7");
    assertThat(
            undone.indexOf("ENABLE_ACCOUNT jdoe (rollback)")
                < undone.indexOf("RELEASE_HOST laptop-7 (rollback)"))
        .as("the later action is undone first")
        .isEqualTo(disabledLast);
    assertThat(world.ports.notes)
        .contains("rollback: REVOKE_SESSIONS on jdoe needs no undo: the user signs in again");
    assertThat(world.ports.endings).containsExactly("inc-fp:contained", "inc-fp:rolled_back");
    BpmnAwareTests.assertThat(instance).isEnded();

    assertThat(world.control.reportFalsePositive("inc-fp", "alice"))
        .isEqualTo(CamundaPlaybookControl.Rollback.NO_PLAYBOOK);
    world.runJobs();
    assertThat(world.performed()).hasSize(forward.size() + undone.size());
  }

  @Test
  void aFalsePositiveBeforeTheApprovalUndoesOnlyWhatWasDone() {
    ProcessInstance instance = start("inc-partial", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();

    world.control.reportFalsePositive("inc-partial", "alice");
    world.runJobs();

    assertThat(world.performed())
        .containsExactlyInAnyOrder(
            "REVOKE_SESSIONS jdoe", "NOTIFY security", "NOTIFY security (rollback)");
    assertThat(world.approvalTask(instance.getId())).isNull();
    assertThat(world.ports.endings).containsExactly("inc-partial:rolled_back");
  }

  @Test
  void aFalsePositiveWhileAStepIsStuckUndoesTheStepsThatWorked() {
    ProcessInstance instance = start("inc-partial-stuck", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();
    world.target.failNext(ActionType.ISOLATE_HOST, 100);
    world.decide(instance.getId(), "alice", true, null);
    world.runJobs();

    world.control.reportFalsePositive("inc-partial-stuck", "alice");
    world.runJobs();

    assertThat(world.performed())
        .contains("ENABLE_ACCOUNT jdoe (rollback)")
        .doesNotContain("RELEASE_HOST laptop-7 (rollback)");
    assertThat(world.ports.endings).containsExactly("inc-partial-stuck:rolled_back");
  }

  @Test
  void theReviewTaskInTheTasklistCanAlsoRollBack() {
    ProcessInstance instance = start("inc-review", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();
    world.decide(instance.getId(), "alice", true, null);
    world.runJobs();

    Task review =
        world
            .engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(instance.getId())
            .singleResult();
    assertThat(review.getTaskDefinitionKey()).isEqualTo("review_containment");
    world.engine.getTaskService().complete(review.getId(), Map.of("falsePositive", true));
    world.runJobs();

    assertThat(world.performed())
        .contains("ENABLE_ACCOUNT jdoe (rollback)", "RELEASE_HOST laptop-7 (rollback)");
    assertThat(world.ports.endings)
        .containsExactly("inc-review:contained", "inc-review:rolled_back");
  }

  @Test
  void afterTheRollbackWindowTheContainmentStands() {
    ProcessInstance instance = start("inc-window", Severity.HIGH, "jdoe", "laptop-7");
    world.runJobs();
    world.decide(instance.getId(), "alice", true, null);
    world.runJobs();

    later(Duration.ofDays(31));
    world.runJobs();

    assertThat(world.ports.endings).containsExactly("inc-window:contained", "inc-window:closed");
    BpmnAwareTests.assertThat(instance).isEnded();
  }

  @Test
  void anIncidentWithoutAHostSkipsIsolationAndStillContainsTheAccount() {
    ProcessInstance instance = start("inc-nohost", Severity.HIGH, "jdoe", null);
    world.runJobs();
    world.decide(instance.getId(), "alice", true, null);
    world.runJobs();

    assertThat(world.performed())
        .contains("DISABLE_ACCOUNT jdoe")
        .noneMatch(a -> a.startsWith("ISOLATE_HOST"));
    assertThat(world.ports.actionSummaries).anyMatch(s -> s.startsWith("ISOLATE_HOST skipped"));
    assertThat(world.ports.endings).containsExactly("inc-nohost:contained");
  }

  @Test
  void launchingTwiceForOneIncidentStartsOneProcess() {
    String first = world.launch(PLAYBOOK, "inc-twice", Severity.HIGH, "jdoe", "laptop-7");
    String second = world.launch(PLAYBOOK, "inc-twice", Severity.HIGH, "jdoe", "laptop-7");

    assertThat(second).isEqualTo(first);
    assertThat(
            world
                .engine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey("inc-twice")
                .count())
        .isEqualTo(1);
  }

  private static ProcessInstance start(String id, Severity severity, String user, String host) {
    return start(id, severity, user, host, Map.of());
  }

  private static ProcessInstance start(
      String id, Severity severity, String user, String host, Map<String, Object> extra) {
    var incident = PlaybookWorld.incident(PLAYBOOK, id, severity, user, host);
    var variables = PlaybookWorld.variables(incident);
    variables.putAll(extra);
    String processInstanceId = world.launcher.launch(incident, variables);
    return world
        .engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceId(processInstanceId)
        .singleResult();
  }

  private static List<org.camunda.bpm.engine.runtime.Incident> incidents(ProcessInstance instance) {
    return world
        .engine
        .getRuntimeService()
        .createIncidentQuery()
        .processInstanceId(instance.getId())
        .list();
  }

  private static void later(Duration duration) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
  }

  private static List<String> groups(Task task) {
    return world.engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId)
        .filter(g -> g != null)
        .toList();
  }
}
