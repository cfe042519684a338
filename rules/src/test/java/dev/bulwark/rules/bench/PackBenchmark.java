package dev.bulwark.rules.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.Alert;
import dev.bulwark.rules.AlertEvent;
import dev.bulwark.rules.BareEmitter;
import dev.bulwark.rules.DroolsRuleEvaluator;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.RuleSetCompiler;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.time.SessionPseudoClock;

/**
 * The numbers in docs/benchmarks.md: compile time of the bundled pack, events per second through
 * it, heap after 1,000,000 events, and the same through a bare Drools session on the same rules (no
 * evaluator, no decisions, no traces), so the engine's overhead shows as a ratio. Not a test: run
 * it with {@code mvn -pl rules -am test-compile} and {@code java -cp ...
 * dev.bulwark.rules.bench.PackBenchmark [events]}.
 */
public final class PackBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2025-03-10T00:00:00Z");

  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    long compileStart = System.nanoTime();
    RuleSet rules = new RuleSetCompiler().compileBundled();
    long compileMs = (System.nanoTime() - compileStart) / 1_000_000;
    List<ObjectNode> templates = templates();
    ReferenceData reference = ReferenceData.withDefaults();

    run("warm-up (engine)", rules, reference, templates, events / 10, false);
    run("warm-up (bare)", rules, reference, templates, events / 10, true);
    double bare = run("bare Drools session", rules, reference, templates, events, true);
    double engine = run("Bulwark evaluator", rules, reference, templates, events, false);
    System.out.printf(
        "compile %d ms (%d rules); evaluator/bare throughput ratio %.2f; %d cores%n",
        compileMs, rules.rules().size(), engine / bare, Runtime.getRuntime().availableProcessors());
  }

  private static double run(
      String name,
      RuleSet rules,
      ReferenceData reference,
      List<ObjectNode> templates,
      int events,
      boolean bare) {
    System.gc();
    long started = System.nanoTime();
    long decisions = 0;
    long heapMb;
    if (bare) {
      KieSessionConfiguration configuration = KieServices.get().newKieSessionConfiguration();
      configuration.setOption(ClockTypeOption.PSEUDO);
      KieSession session = rules.kieBase().newKieSession(configuration, null);
      session.setGlobal("reference", reference);
      SessionPseudoClock clock = session.getSessionClock();
      // The bare session drops decisions: the emitter is replaced by one that is never drained.
      session.setGlobal("decisions", BareEmitter.create());
      for (int i = 0; i < events; i++) {
        Alert alert = alert(templates, i);
        long now = clock.getCurrentTime();
        long at = alert.timestamp().toEpochMilli();
        if (at > now) {
          clock.advanceTime(at - now, TimeUnit.MILLISECONDS);
        }
        session.insert(new AlertEvent(alert));
        session.fireAllRules();
        if (i % 100_000 == 0) {
          BareEmitter.clear(session.getGlobal("decisions"));
        }
      }
      heapMb = heapMb();
      session.dispose();
    } else {
      try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(rules, reference)) {
        for (int i = 0; i < events; i++) {
          decisions += evaluator.evaluate(alert(templates, i)).size();
        }
        heapMb = heapMb();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double perSecond = events / seconds;
    System.out.printf(
        "%-22s %,d events in %.1f s = %,.0f events/s; %d decisions; heap after run %d MB%n",
        name, events, seconds, perSecond, decisions, heapMb);
    return perSecond;
  }

  private static long heapMb() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
  }

  /** The i-th event: a template, 0.6 s of event time after the previous (1M events = 7 days). */
  private static Alert alert(List<ObjectNode> templates, int i) {
    return new Alert(i + 1, START.plusMillis(600L * i), templates.get(i % templates.size()));
  }

  /** 1,000 users' worth of logins, MFA challenges, latency samples, clones, process starts. */
  private static List<ObjectNode> templates() {
    Random random = new Random(7);
    List<ObjectNode> templates = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String user = "user" + random.nextInt(1000);
      ObjectNode event = JSON.createObjectNode();
      event.put("@timestamp", START.toString());
      ObjectNode ecs = event.putObject("event").put("kind", "event");
      event.putObject("user").put("name", user);
      event.putObject("host").put("name", user + "-laptop");
      switch (i % 10) {
        case 0, 1 -> {
          ecs.put("action", "user-login").put("outcome", "success");
          ecs.putArray("category").add("authentication");
          ObjectNode source = event.putObject("source").put("ip", "100.64.1." + (i % 250));
          source.putObject("as").put("number", 7922).putObject("organization").put("name", "ISP");
          source
              .putObject("geo")
              .put("country_iso_code", "US")
              .putObject("location")
              .put("lat", 40.7)
              .put("lon", -74.0);
        }
        case 2 -> {
          ecs.put("action", "mfa-challenge").put("outcome", "success");
          ecs.putArray("category").add("authentication");
          event.putObject("device").put("id", "dev-" + user);
        }
        case 3, 4, 5, 6 -> ecs.put("action", "input-latency").put("duration", 30_000_000L);
        case 7 -> {
          ecs.put("action", "repository-clone");
          event.putObject("url").put("full", "https://git/repo-" + random.nextInt(50));
        }
        case 8 -> {
          ecs.put("action", "process-started").putArray("type").add("start");
          ecs.putArray("category").add("process");
          event.putObject("process").put("name", i % 100 == 8 ? "AnyDesk.exe" : "chrome.exe");
        }
        default -> {
          ecs.put("kind", "alert").put("risk_score", 21);
          event.putObject("rule").put("name", "Low-risk EDR alert");
        }
      }
      templates.add(event);
    }
    return templates;
  }
}
