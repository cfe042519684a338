package dev.bulwark.workflows.bench;

import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.ActionProvider;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.LedgerEntry;
import dev.bulwark.core.action.LedgeredResponseActions;
import dev.bulwark.core.playbook.ApprovalRequests;
import dev.bulwark.core.playbook.PlaybookEvents;
import dev.bulwark.workflows.ApprovalEscalationDelegate;
import dev.bulwark.workflows.ApprovalPolicyDelegate;
import dev.bulwark.workflows.ApprovalRecorder;
import dev.bulwark.workflows.ApprovalTaskCreated;
import dev.bulwark.workflows.ApprovalTimeoutDelegate;
import dev.bulwark.workflows.DisableAccountDelegate;
import dev.bulwark.workflows.IsolateHostDelegate;
import dev.bulwark.workflows.NotifyStakeholdersDelegate;
import dev.bulwark.workflows.PlaybookEndListener;
import dev.bulwark.workflows.PlaybookTimings;
import dev.bulwark.workflows.RevokeSessionsDelegate;
import dev.bulwark.workflows.RollbackNotifyDelegate;
import dev.bulwark.workflows.UndoActionDelegate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * Playbooks started per second, and the time from a start to the first action in automatic mode:
 * Bulwark's contain_compromised_account (DMN policy, ledger, delegates) beside a bare Camunda
 * engine running the same BPMN with do-nothing delegates, each on its own H2 file database, job
 * executor on. Run: see docs/benchmarks.md. Not a test: it measures, it asserts nothing.
 */
public final class PlaybookStartBenchmark {

  private static final int WARMUP = 50;
  private static final int RUNS = 300;

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("bulwark-bench");
    Result bare = run("bare", dir, true);
    Result bulwark = run("bulwark", dir, false);
    System.out.println(bare);
    System.out.println(bulwark);
    System.out.printf(
        Locale.ROOT,
        "ratio bulwark/bare: starts/s %.2f, first-action median %.2f, p95 %.2f%n",
        bulwark.startsPerSecond / bare.startsPerSecond,
        bulwark.medianMs / bare.medianMs,
        bulwark.p95Ms / bare.p95Ms);
  }

  record Result(String name, double startsPerSecond, double medianMs, double p95Ms) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-8s starts/s %.0f  start-to-first-action median %.1f ms  p95 %.1f ms",
          name,
          startsPerSecond,
          medianMs,
          p95Ms);
    }
  }

  private static Result run(String name, Path dir, boolean bare) throws Exception {
    Map<String, Long> started = new ConcurrentHashMap<>();
    Map<String, Long> firstAction = new ConcurrentHashMap<>();
    Map<Object, Object> beans = bare ? bareBeans(firstAction) : bulwarkBeans(firstAction);
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:file:" + dir.resolve(name) + ";DB_CLOSE_ON_EXIT=FALSE");
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setJobExecutorActivate(true);
    configuration.setHistory("full");
    configuration.setBeans(beans);
    configuration.setProcessEngineName("bench-" + name);
    ProcessEngine engine = configuration.buildProcessEngine();
    var deployment =
        engine
            .getRepositoryService()
            .createDeployment()
            .addClasspathResource("bpmn/contain_compromised_account.bpmn");
    // Automatic mode: an edited policy where nothing needs an approver.
    deployment.addClasspathResource("policy/automatic_policy.dmn");
    deployment.deploy();
    try {
      startMany(engine, name + "-warm", WARMUP, started, bare);
      awaitAll(firstAction, started, name + "-warm-", WARMUP);
      long t0 = System.nanoTime();
      startMany(engine, name + "-run", RUNS, started, bare);
      double seconds = (System.nanoTime() - t0) / 1e9;
      awaitAll(firstAction, started, name + "-run-", RUNS);
      List<Long> latencies = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        String id = name + "-run-" + i;
        latencies.add(firstAction.get(id) - started.get(id));
      }
      Collections.sort(latencies);
      return new Result(
          name,
          RUNS / seconds,
          latencies.get(RUNS / 2) / 1e6,
          latencies.get((int) (RUNS * 0.95)) / 1e6);
    } finally {
      engine.close();
    }
  }

  private static void startMany(
      ProcessEngine engine, String prefix, int n, Map<String, Long> started, boolean bare) {
    for (int i = 0; i < n; i++) {
      String id = prefix + "-" + i;
      Map<String, Object> variables = new HashMap<>();
      variables.put("incidentId", id);
      variables.put("title", "bench");
      variables.put("severity", "high");
      variables.put("user", "u" + i);
      variables.put("host", "h" + i);
      if (bare) {
        variables.put("approvalState", "not_needed");
        variables.put("rollbackWindow", "P30D");
      }
      started.put(id, System.nanoTime());
      engine
          .getRuntimeService()
          .startProcessInstanceByKey("contain_compromised_account", id, variables);
    }
  }

  private static void awaitAll(
      Map<String, Long> firstAction, Map<String, Long> started, String prefix, int n)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (firstAction.keySet().stream().filter(k -> k.startsWith(prefix)).count() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not all first actions arrived");
      }
      Thread.sleep(20);
    }
  }

  /** Every delegate and listener the BPMN names, doing nothing but noting the first action. */
  private static Map<Object, Object> bareBeans(Map<String, Long> firstAction) {
    Object stub = new Stub(firstAction);
    Map<Object, Object> beans = new HashMap<>();
    for (String name :
        List.of(
            "approvalPolicyDelegate",
            "revokeSessionsDelegate",
            "disableAccountDelegate",
            "isolateHostDelegate",
            "notifyStakeholdersDelegate",
            "undoActionDelegate",
            "rollbackNotifyDelegate",
            "approvalRecorder",
            "approvalTaskCreated",
            "approvalEscalationDelegate",
            "approvalTimeoutDelegate",
            "playbookEndListener")) {
      beans.put(name, stub);
    }
    return beans;
  }

  private static final class Stub implements JavaDelegate, TaskListener, ExecutionListener {
    private final Map<String, Long> firstAction;

    Stub(Map<String, Long> firstAction) {
      this.firstAction = firstAction;
    }

    @Override
    public void execute(DelegateExecution execution) {
      if (!"decide_policy".equals(execution.getCurrentActivityId())) {
        firstAction.putIfAbsent(execution.getProcessBusinessKey(), System.nanoTime());
      }
    }

    @Override
    public void notify(DelegateTask task) {}

    @Override
    public void notify(DelegateExecution execution) {}
  }

  private static Map<Object, Object> bulwarkBeans(Map<String, Long> firstAction) {
    ActionLedger ledger = new MapLedger();
    ActionProvider provider =
        new ActionProvider() {
          @Override
          public String name(ActionType type) {
            return "simulate";
          }

          @Override
          public ActionResult perform(ActionRequest request) {
            firstAction.putIfAbsent(request.incidentId(), System.nanoTime());
            return new ActionResult(ActionStatus.SIMULATED, "simulate", "simulated", false);
          }
        };
    var actions = new LedgeredResponseActions(ledger, provider);
    PlaybookEvents events =
        new PlaybookEvents() {
          @Override
          public void approvalDecided(ApprovalDecision decision) {}

          @Override
          public void actionRan(String incidentId, String summary, Map<String, Object> details) {}

          @Override
          public void playbookEnded(String incidentId, String outcome) {}

          @Override
          public void noted(
              String incidentId, String kind, String summary, Map<String, Object> d) {}
        };
    ApprovalRequests requests = approval -> {};
    Map<Object, Object> beans = new HashMap<>();
    beans.put(
        "approvalPolicyDelegate", new ApprovalPolicyDelegate(PlaybookTimings.defaults(), events));
    beans.put("revokeSessionsDelegate", new RevokeSessionsDelegate(actions, events));
    beans.put("disableAccountDelegate", new DisableAccountDelegate(actions, events));
    beans.put("isolateHostDelegate", new IsolateHostDelegate(actions, events));
    beans.put("notifyStakeholdersDelegate", new NotifyStakeholdersDelegate(actions, events));
    beans.put("undoActionDelegate", new UndoActionDelegate(ledger, actions, events));
    beans.put("rollbackNotifyDelegate", new RollbackNotifyDelegate(ledger, actions, events));
    beans.put("approvalRecorder", new ApprovalRecorder(events, Clock.systemUTC()));
    beans.put("approvalTaskCreated", new ApprovalTaskCreated(requests));
    beans.put(
        "approvalEscalationDelegate", new ApprovalEscalationDelegate(actions, events, "on-call"));
    beans.put("approvalTimeoutDelegate", new ApprovalTimeoutDelegate(events));
    beans.put("playbookEndListener", new PlaybookEndListener(events));
    return beans;
  }

  /** The ledger as a concurrent map: the benchmark measures the engine, not a database table. */
  private static final class MapLedger implements ActionLedger {
    private final Map<String, LedgerEntry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<LedgerEntry> claim(ActionRequest r, String provider) {
      LedgerEntry entry =
          new LedgerEntry(
              r.idempotencyKey(),
              r.incidentId(),
              r.type(),
              r.target(),
              provider,
              ActionStatus.PENDING,
              null,
              Instant.now());
      return Optional.ofNullable(entries.putIfAbsent(r.idempotencyKey(), entry));
    }

    @Override
    public void complete(String key, ActionStatus status, String detail) {}

    @Override
    public List<LedgerEntry> forIncident(String incidentId) {
      return List.of();
    }
  }
}
