package dev.bulwark.rules;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.rules.reference.ReferenceData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * What the benchmark's bare Drools session runs and inserts: the pack written the plain way (the
 * day-long rules over one trace per event) and its own fact classes built the plain way (the whole
 * alert in every event, a trace beside the tracked ones), with nothing of the evaluator around
 * them: no compaction, no day aggregates, no retention beyond the classes' {@code @Expires}, no
 * decisions collected. In the rules' package because the trace's constructor is package-private.
 */
public final class BareFacts {

  private BareFacts() {}

  /** The bundled rule file each day-long rule replaces with its one-trace-per-event original. */
  private static final Map<String, String> PLAIN_DAY_RULES =
      Map.of(
          "command_and_control_remote_control_latency.drl", "latency_one_trace_per_sample.drl",
          "initial_access_impossible_travel.drl", "travel_one_trace_per_login.drl",
          "initial_access_one_device_many_accounts.drl", "device_one_trace_per_event.drl");

  /**
   * The bundled pack as plain Drools would run it: the day-long rules over one {@link Trace} per
   * event (the originals their day aggregates are held to), and Drools' own expiry of events by
   * their {@code @Expires}, which rule sets compiled for the evaluator leave to the evaluator.
   */
  public static RuleSet plainPack() {
    Map<String, String> files = new TreeMap<>(RuleSources.bundled());
    PLAIN_DAY_RULES.forEach((bundled, plain) -> files.put(bundled, resource("bare/" + plain)));
    return withDroolsExpiry(new RuleSetCompiler().compile(files));
  }

  private static String resource(String name) {
    try (InputStream in = BareFacts.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RuleSet withDroolsExpiry(RuleSet rules) {
    for (RulePartition partition : RulePartition.values()) {
      expireByAnnotation(rules.kieBase(partition));
    }
    expireByAnnotation(rules.kieBase());
    return rules;
  }

  private static void expireByAnnotation(KieBase kieBase) {
    FactTypes.setExpiry(kieBase, AlertEvent.class, AlertEvent.EXPIRY.toMillis());
    FactTypes.setExpiry(kieBase, Trace.class, Trace.EXPIRY.toMillis());
  }

  /** Inserts the alert as the pack's rules expect it, then fires. */
  public static void insertAndFire(KieSession session, ReferenceData reference, Alert alert) {
    AlertEvent event = new AlertEvent(alert);
    if (event.getAction() != null && Trace.TRACKED_ACTIONS.contains(event.getAction())) {
      boolean masked = reference.isCorporate(event.getSourceIp()) || reference.isAnonymising(event);
      session.insert(new Trace(event, masked));
    }
    session.insert(event);
    session.fireAllRules();
  }

  /** A decisions global for the bare session; {@link #clear(Object)} empties it. */
  public static Object emitter() {
    return new DecisionEmitter();
  }

  public static int clear(Object emitter) {
    return ((DecisionEmitter) emitter).drain().size();
  }
}
