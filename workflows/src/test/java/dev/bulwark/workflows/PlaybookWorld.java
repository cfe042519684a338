package dev.bulwark.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.LedgeredResponseActions;
import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.PlaybookRef;
import dev.bulwark.core.incident.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * A bare Camunda engine with the playbooks deployed and their delegates wired to test doubles: the
 * real ledgered {@code ResponseActions} over an in-memory ledger and a {@link CountingTarget}.
 */
final class PlaybookWorld {

  static final PlaybookTimings TIMINGS =
      new PlaybookTimings(Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(30));

  final RecordingPorts ports = new RecordingPorts();
  final InMemoryActionLedger ledger = new InMemoryActionLedger();
  final CountingTarget target = new CountingTarget();
  private final String jdbcUrl;
  ProcessEngine engine;
  CamundaPlaybookLauncher launcher;
  CamundaPlaybookControl control;

  PlaybookWorld(String name) {
    this.jdbcUrl = "jdbc:h2:mem:" + name + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
  }

  /** Starts (or, after {@link #stop()}, restarts) the engine on the same database. */
  PlaybookWorld start() {
    var actions = new LedgeredResponseActions(ledger, target);
    Map<Object, Object> beans = new HashMap<>();
    beans.put("approvalPolicyDelegate", new ApprovalPolicyDelegate(TIMINGS, ports));
    beans.put("revokeSessionsDelegate", new RevokeSessionsDelegate(actions, ports));
    beans.put("disableAccountDelegate", new DisableAccountDelegate(actions, ports));
    beans.put("removeMfaDelegate", new RemoveMfaDelegate(actions, ports));
    beans.put("isolateHostDelegate", new IsolateHostDelegate(actions, ports));
    beans.put("notifyStakeholdersDelegate", new NotifyStakeholdersDelegate(actions, ports));
    beans.put("openTicketDelegate", new OpenTicketDelegate(actions, ports));
    beans.put("recordEvidenceDelegate", new RecordEvidenceDelegate(actions, ports));
    beans.put("undoActionDelegate", new UndoActionDelegate(ledger, actions, ports));
    beans.put("rollbackNotifyDelegate", new RollbackNotifyDelegate(ledger, actions, ports));
    beans.put("approvalRecorder", new ApprovalRecorder(ports, Clock.systemUTC()));
    beans.put("approvalTaskCreated", new ApprovalTaskCreated(ports));
    beans.put(
        "approvalEscalationDelegate", new ApprovalEscalationDelegate(actions, ports, "on-call"));
    beans.put("approvalTimeoutDelegate", new ApprovalTimeoutDelegate(ports));
    beans.put("playbookEndListener", new PlaybookEndListener(ports));
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setJdbcUrl(jdbcUrl);
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setJobExecutorActivate(false);
    configuration.setBeans(beans);
    configuration.setHistory("full");
    configuration.setProcessEngineName("world-" + System.nanoTime());
    configuration.setCustomIncidentHandlers(List.of(new TimelineIncidentHandler(ports)));
    configuration.getProcessEnginePlugins().add(new NonRetryableFailures());
    engine = configuration.buildProcessEngine();
    if (engine.getRepositoryService().createDeploymentQuery().count() == 0) {
      engine
          .getRepositoryService()
          .createDeployment()
          .name("playbooks")
          .addClasspathResource("bpmn/contain_compromised_account.bpmn")
          .addClasspathResource("bpmn/contain_host.bpmn")
          .addClasspathResource("bpmn/contain_remote_worker.bpmn")
          .addClasspathResource("dmn/approval_policy.dmn")
          .deploy();
    }
    launcher =
        new CamundaPlaybookLauncher(
            engine.getRuntimeService(), engine.getHistoryService(), this::context);
    control = new CamundaPlaybookControl(engine.getRuntimeService(), engine.getManagementService());
    return this;
  }

  /** Identity context the app looks up from configuration; here: admins are privileged. */
  private Map<String, Object> context(Incident incident) {
    Map<String, Object> context = new HashMap<>();
    context.put(
        "privileged", incident.entities().users().stream().anyMatch(u -> u.startsWith("adm-")));
    context.put("assetCriticality", "medium");
    return context;
  }

  void stop() {
    engine.close();
  }

  String launch(String playbook, String id, Severity severity, String user, String host) {
    Incident incident = incident(playbook, id, severity, user, host);
    return launcher.launch(incident, variables(incident));
  }

  static Incident incident(
      String playbook, String id, Severity severity, String user, String host) {
    return new Incident(
        id,
        "Suspicious activity: " + user,
        severity,
        IncidentStatus.OPEN,
        Instant.parse("2026-11-27T09:00:00Z"),
        Instant.parse("2026-11-27T09:00:00Z"),
        "rule|user:" + user,
        List.of("rule"),
        73,
        6,
        new Entities(
            List.of(user), host == null ? List.of() : List.of(host), List.of("203.0.113.9")),
        new PlaybookRef(playbook, null, PlaybookRef.PlaybookState.PENDING));
  }

  /** The variables the dispatcher passes (see PlaybookDispatcher.variables). */
  static Map<String, Object> variables(Incident incident) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("incidentId", incident.id());
    variables.put("title", incident.title());
    variables.put("severity", incident.severity().label());
    variables.put("riskScore", incident.riskScore());
    variables.put("user", incident.entities().users().get(0));
    variables.put(
        "host", incident.entities().hosts().isEmpty() ? null : incident.entities().hosts().get(0));
    variables.put("ip", incident.entities().ips().get(0));
    return variables;
  }

  /** Runs due jobs until none is left; a failing job stays failed (its retry is due later). */
  void runJobs() {
    for (int round = 0; round < 50; round++) {
      List<Job> jobs = engine.getManagementService().createJobQuery().executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      for (Job job : jobs) {
        try {
          engine.getManagementService().executeJob(job.getId());
        } catch (RuntimeException failedAndCountedByCamunda) {
          // Camunda decremented the retries in its own transaction; the test checks the outcome.
        }
      }
    }
    throw new AssertionError("jobs keep coming after 50 rounds");
  }

  /**
   * Like {@link #runJobs()}, but the engine's clock moves a second before each job, so that the
   * order the steps completed in is in their timestamps (compensation undoes latest first by them).
   */
  void runJobsOneSecondApart() {
    for (int round = 0; round < 50; round++) {
      List<Job> jobs = engine.getManagementService().createJobQuery().executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 1000));
      try {
        engine.getManagementService().executeJob(jobs.get(0).getId());
      } catch (RuntimeException failedAndCountedByCamunda) {
        // as in runJobs
      }
    }
    throw new AssertionError("jobs keep coming after 50 jobs");
  }

  Task approvalTask(String processInstanceId) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey("approve_containment")
        .singleResult();
  }

  void decide(String processInstanceId, String user, boolean approved, String comment) {
    Task task = approvalTask(processInstanceId);
    assertThat(task).as("an open approval task").isNotNull();
    Map<String, Object> decision = new HashMap<>();
    decision.put("approved", approved);
    decision.put("approvalComment", comment);
    decision.put("approvalChannel", "api");
    engine.getIdentityService().setAuthenticatedUserId(user);
    try {
      engine.getTaskService().complete(task.getId(), decision);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  List<String> performed() {
    return target.performed.stream().map(PlaybookWorld::describe).toList();
  }

  static String describe(ActionRequest request) {
    return request.type()
        + " "
        + request.target()
        + (request.occasion() == null ? "" : " (" + request.occasion() + ")");
  }
}
