package dev.bulwark.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.incident.Severity;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The remote-IT-worker and host playbooks, and a policy edited and redeployed while the engine runs
 * (the automatic path: a playbook no human has to approve).
 */
class ContainRemoteWorkerTest {

  private static final PlaybookWorld world = new PlaybookWorld("crw").start();

  @RegisterExtension
  static ProcessEngineExtension extension =
      ProcessEngineExtension.builder().useProcessEngine(world.engine).build();

  @BeforeEach
  void clean() {
    BpmnAwareTests.init(world.engine);
    world.ports.clear();
    world.target.clear();
  }

  @AfterEach
  void endEveryPlaybook() {
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
  void revokesBeforeDisablingThenRemovesMfaIsolatesTellsEveryoneAndRecords() {
    String id = world.launch("contain_remote_worker", "rw-1", Severity.HIGH, "nkim", "nkim-laptop");
    world.runJobs();
    assertThat(world.performed())
        .containsExactlyInAnyOrder(
            "REVOKE_SESSIONS nkim",
            "NOTIFY security",
            "NOTIFY hr",
            "NOTIFY legal",
            "NOTIFY manager-of:nkim",
            "OPEN_TICKET SOC",
            "RECORD_EVIDENCE rw-1");

    world.decide(id, "alice", true, "HR confirms the identity does not match");
    world.runJobs();

    List<String> done = world.performed();
    assertThat(done.indexOf("REVOKE_SESSIONS nkim"))
        .isLessThan(done.indexOf("DISABLE_ACCOUNT nkim"));
    assertThat(done.indexOf("DISABLE_ACCOUNT nkim")).isLessThan(done.indexOf("REMOVE_MFA nkim"));
    assertThat(done).contains("ISOLATE_HOST nkim-laptop");
    assertThat(world.target.performed)
        .filteredOn(r -> r.type().name().equals("REMOVE_MFA"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.parameters())
                    .containsEntry("registeredSince", "2026-11-27T09:00:00Z"));
    // The ticket (and every notification) carries what the incident says, for the channel to show.
    assertThat(world.target.performed)
        .filteredOn(r -> r.type().name().equals("OPEN_TICKET"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.parameters())
                    .containsEntry("reason", "Suspicious activity: nkim")
                    .containsEntry("severity", "high")
                    .containsEntry(
                        "entities",
                        Map.of("user", "nkim", "host", "nkim-laptop", "ip", "203.0.113.9")));
    assertThat(world.ports.endings).containsExactly("rw-1:contained");
  }

  @Test
  void rollingBackSaysMfaCannotBeRestoredAndAsksSecurityToReEnrol() {
    String id = world.launch("contain_remote_worker", "rw-2", Severity.HIGH, "nkim", "nkim-laptop");
    world.runJobs();
    world.decide(id, "alice", true, null);
    world.runJobs();

    world.control.reportFalsePositive("rw-2", "bob");
    world.runJobs();

    assertThat(world.performed())
        .contains(
            "ENABLE_ACCOUNT nkim (rollback)",
            "RELEASE_HOST nkim-laptop (rollback)",
            "NOTIFY security (rollback-REMOVE_MFA)",
            "NOTIFY hr (rollback)",
            "NOTIFY legal (rollback)",
            "NOTIFY manager-of:nkim (rollback)");
    assertThat(world.ports.notes)
        .contains(
            "rollback: REMOVE_MFA on nkim cannot be undone automatically; security was asked to"
                + " re-enrol the user");
    assertThat(world.ports.endings).containsExactly("rw-2:contained", "rw-2:rolled_back");
  }

  @Test
  void theHostPlaybookNotifiesAndOpensATicketAtOnceAndIsolatesAfterApproval() {
    String id = world.launch("contain_host", "host-1", Severity.HIGH, "svc", "web-3");
    world.runJobs();
    assertThat(world.performed()).containsExactlyInAnyOrder("NOTIFY security", "OPEN_TICKET SOC");

    world.decide(id, "alice", true, null);
    world.runJobs();

    assertThat(world.performed()).contains("ISOLATE_HOST web-3");
    assertThat(world.ports.endings).containsExactly("host-1:contained");
  }

  @Test
  void aPolicyRedeployedWhileRunningAppliesToTheNextPlaybookWithoutARestart() {
    String before = world.launch("contain_host", "host-before", Severity.HIGH, "svc", "web-4");
    world.runJobs();
    assertThat(world.approvalTask(before)).isNotNull();

    var redeployed =
        world
            .engine
            .getRepositoryService()
            .createDeployment()
            .name("policy edit")
            .addClasspathResource("policy/automatic_policy.dmn")
            .deploy();
    try {
      String after = world.launch("contain_host", "host-after", Severity.HIGH, "svc", "web-5");
      world.runJobs();

      assertThat(world.approvalTask(after)).isNull();
      assertThat(world.performed()).contains("ISOLATE_HOST web-5");
      ProcessInstance instance =
          world
              .engine
              .getRuntimeService()
              .createProcessInstanceQuery()
              .processInstanceId(after)
              .singleResult();
      BpmnAwareTests.assertThat(instance).hasPassed("contained").isWaitingAt("review_containment");
    } finally {
      world.engine.getRepositoryService().deleteDeployment(redeployed.getId(), true);
    }
  }
}
