package dev.bulwark.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.PlaybookRef;
import dev.bulwark.core.incident.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainCompromisedAccountTest {

  private final RecordingPorts ports = new RecordingPorts();
  private ProcessEngine engine;
  private CamundaPlaybookLauncher launcher;

  @BeforeEach
  void startEngine() {
    Map<Object, Object> beans = new HashMap<>();
    beans.put("disableAccountDelegate", new DisableAccountDelegate(ports, ports));
    beans.put("revokeSessionsDelegate", new RevokeSessionsDelegate(ports, ports));
    beans.put("isolateHostDelegate", new IsolateHostDelegate(ports, ports));
    beans.put("notifyStakeholdersDelegate", new NotifyStakeholdersDelegate(ports, ports));
    beans.put("approvalRecorder", new ApprovalRecorder(ports, Clock.systemUTC()));
    beans.put("playbookEndListener", new PlaybookEndListener(ports));
    StandaloneInMemProcessEngineConfiguration configuration =
        new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:" + getClass().getSimpleName() + System.nanoTime());
    configuration.setJobExecutorActivate(false);
    configuration.setBeans(beans);
    configuration.setHistory("full");
    engine = configuration.buildProcessEngine();
    engine
        .getRepositoryService()
        .createDeployment()
        .addClasspathResource("bpmn/contain_compromised_account.bpmn")
        .deploy();
    launcher = new CamundaPlaybookLauncher(engine.getRuntimeService(), engine.getHistoryService());
  }

  @AfterEach
  void stopEngine() {
    engine.close();
  }

  @Test
  void waitsForAnAnalystBeforeActing() {
    launch(incident("inc-1", "jdoe", "laptop-7"));

    Task approval = engine.getTaskService().createTaskQuery().singleResult();
    assertThat(approval.getTaskDefinitionKey()).isEqualTo("approve_containment");
    assertThat(engine.getTaskService().getIdentityLinksForTask(approval.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("soc-analysts"));
    assertThat(approval.getDueDate()).isAfter(java.util.Date.from(Instant.now()));
    assertThat(engine.getTaskService().getVariable(approval.getId(), "gatedActions"))
        .isEqualTo("DISABLE_ACCOUNT,REVOKE_SESSIONS,ISOLATE_HOST,NOTIFY");
    assertThat(ports.performed).isEmpty();
  }

  @Test
  void approvedContainmentPerformsTheFourActionsOnTheIncidentsEntities() {
    ProcessInstance instance = launch(incident("inc-2", "jdoe", "laptop-7"));

    decide(true, "confirmed with HR");
    runJobs();

    assertThat(ports.performed)
        .extracting(ActionRequest::type, ActionRequest::target)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(ActionType.DISABLE_ACCOUNT, "jdoe"),
            org.assertj.core.groups.Tuple.tuple(ActionType.REVOKE_SESSIONS, "jdoe"),
            org.assertj.core.groups.Tuple.tuple(ActionType.ISOLATE_HOST, "laptop-7"),
            org.assertj.core.groups.Tuple.tuple(ActionType.NOTIFY, "security"));
    assertThat(ports.approvals)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.approved()).isTrue();
              assertThat(d.approver()).isEqualTo("alice");
              assertThat(d.comment()).isEqualTo("confirmed with HR");
              assertThat(d.incidentId()).isEqualTo("inc-2");
            });
    assertThat(ports.endings).containsExactly("inc-2:contained");
    assertThat(isEnded(instance)).isTrue();
  }

  @Test
  void rejectedContainmentActsOnNothing() {
    launch(incident("inc-3", "jdoe", "laptop-7"));

    decide(false, "known pentest");
    runJobs();

    assertThat(ports.performed).isEmpty();
    assertThat(ports.endings).containsExactly("inc-3:rejected");
  }

  @Test
  void anIncidentWithoutAHostSkipsIsolationAndStillContainsTheAccount() {
    launch(incident("inc-4", "jdoe", null));

    decide(true, null);
    runJobs();

    assertThat(ports.performed)
        .extracting(ActionRequest::type)
        .doesNotContain(ActionType.ISOLATE_HOST)
        .contains(ActionType.DISABLE_ACCOUNT);
    assertThat(ports.actionSummaries).anyMatch(s -> s.startsWith("ISOLATE_HOST skipped"));
    assertThat(ports.endings).containsExactly("inc-4:contained");
  }

  @Test
  void launchingTwiceForOneIncidentStartsOneProcess() {
    Incident incident = incident("inc-5", "jdoe", "laptop-7");
    String first = launcher.launch(incident, variables(incident));
    String second = launcher.launch(incident, variables(incident));

    assertThat(second).isEqualTo(first);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(1);
  }

  private ProcessInstance launch(Incident incident) {
    String id = launcher.launch(incident, variables(incident));
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceId(id)
        .singleResult();
  }

  private void decide(boolean approved, String comment) {
    Task approval = engine.getTaskService().createTaskQuery().singleResult();
    Map<String, Object> decision = new HashMap<>();
    decision.put("approved", approved);
    decision.put("approvalComment", comment);
    decision.put("approvalChannel", "api");
    engine.getIdentityService().setAuthenticatedUserId("alice");
    try {
      engine.getTaskService().complete(approval.getId(), decision);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private void runJobs() {
    for (int round = 0; round < 10; round++) {
      List<Job> jobs = engine.getManagementService().createJobQuery().executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  private boolean isEnded(ProcessInstance instance) {
    return engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceId(instance.getId())
            .count()
        == 0;
  }

  private static Incident incident(String id, String user, String host) {
    return new Incident(
        id,
        "Brute force then success: " + user,
        Severity.HIGH,
        IncidentStatus.OPEN,
        Instant.now(),
        Instant.now(),
        "rule|user:" + user,
        List.of("rule"),
        73,
        6,
        new Entities(
            List.of(user), host == null ? List.of() : List.of(host), List.of("203.0.113.9")),
        new PlaybookRef("contain_compromised_account", null, PlaybookRef.PlaybookState.PENDING));
  }

  private static Map<String, Object> variables(Incident incident) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("incidentId", incident.id());
    variables.put("title", incident.title());
    variables.put("user", incident.entities().users().get(0));
    variables.put(
        "host", incident.entities().hosts().isEmpty() ? null : incident.entities().hosts().get(0));
    return variables;
  }
}
