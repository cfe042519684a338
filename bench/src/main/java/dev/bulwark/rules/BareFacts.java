package dev.bulwark.rules;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.rules.reference.ReferenceData;
import org.kie.api.runtime.KieSession;

/**
 * What the benchmark's bare Drools session inserts: the pack's own fact classes, built the plain
 * way (the whole alert in every event, a trace beside the tracked ones), with nothing of the
 * evaluator around them: no compaction, no retention beyond the classes' {@code @Expires}, no
 * decisions collected. In the rules' package because the trace's constructor is package-private.
 */
public final class BareFacts {

  private BareFacts() {}

  /**
   * The rule set as plain Drools runs it: Drools' own expiry of events by their {@code @Expires},
   * which rule sets compiled for the evaluator leave to the evaluator. Compile a rule set of its
   * own for the bare session: this changes its KieBases.
   */
  public static RuleSet withDroolsExpiry(RuleSet rules) {
    for (RulePartition partition : RulePartition.values()) {
      expireByAnnotation(rules.kieBase(partition));
    }
    expireByAnnotation(rules.kieBase());
    return rules;
  }

  private static void expireByAnnotation(org.kie.api.KieBase kieBase) {
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
