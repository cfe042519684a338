package dev.bulwark.rules;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.rules.Decision;
import dev.bulwark.core.rules.RuleEvaluator;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.drools.core.common.InternalFactHandle;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

/**
 * Evaluates alerts with one Drools session on event time. The session runs a pseudo clock that
 * follows the alerts' {@code @timestamp}s: it moves forward to each alert's event time and never
 * back, so windows and expiry depend on the alerts alone, not on when they arrive. A replay of last
 * week's alerts gives last week's decisions; an alert that arrives late is still inserted and joins
 * the windows it falls in. Not thread-safe, like every {@link RuleEvaluator}.
 *
 * <p>Memory is bounded by the rules' windows, not by the event rate: the evaluator inserts compact
 * events (no document), and once an alert's own rules have fired it keeps the alert and its trace
 * only if a rule with a {@code @window} can still match them ({@link Retention}), until that window
 * plus {@link AlertEvent#ALLOWED_LATENESS} has passed in event time, and never longer than {@link
 * AlertEvent#EXPIRY} or {@link Trace#EXPIRY} (their {@code @Expires}, which Drools enforces too).
 *
 * <pre>
 * Supplier&lt;RuleEvaluator&gt; evaluators = () -&gt; new DroolsRuleEvaluator(ruleSet);
 * </pre>
 */
public final class DroolsRuleEvaluator implements RuleEvaluator {

  private final KieSession session;
  private final SessionPseudoClock clock;
  private final DecisionEmitter decisions;
  private final ReferenceData reference;
  private final Duration replayWindow;
  private final DocumentFields documentFields;
  private final Interner interner = new Interner();
  private final Retention retention;
  // Input-latency samples as one fact per user, when a rule reads them; else null.
  private final LatencyDays latencyDays;
  // Successful located logins from ordinary networks as one fact per user, when a rule reads them.
  private final LoginDays loginDays;
  private final PriorityQueue<Held> held =
      new PriorityQueue<>(Comparator.comparingLong(Held::expiresAt));

  /** A fact kept for a rule's window, until the event clock passes {@code expiresAt}. */
  private record Held(long expiresAt, FactHandle handle) {}

  /** An evaluator with the shipped reference data and no identities. */
  public DroolsRuleEvaluator(RuleSet ruleSet) {
    this(ruleSet, ReferenceData.withDefaults());
  }

  /**
   * @param reference shared by every evaluator; a change to it is seen by the next evaluation
   */
  public DroolsRuleEvaluator(RuleSet ruleSet, ReferenceData reference) {
    this(ruleSet, ruleSet.kieBase(), reference);
  }

  /**
   * An evaluator of only the rules of one partition kind: the identity rules of a journal
   * partition, or the global rules that read every partition (ADR 0802).
   */
  public DroolsRuleEvaluator(RuleSet ruleSet, ReferenceData reference, RulePartition partition) {
    this(ruleSet, ruleSet.kieBase(partition), reference);
  }

  private DroolsRuleEvaluator(RuleSet ruleSet, KieBase kieBase, ReferenceData reference) {
    KieSessionConfiguration configuration = KieServices.get().newKieSessionConfiguration();
    configuration.setOption(ClockTypeOption.PSEUDO);
    this.session = kieBase.newKieSession(configuration, null);
    this.clock = session.getSessionClock();
    this.replayWindow = ruleSet.replayWindow();
    this.documentFields = ruleSet.documentFields();
    this.retention = new Retention(ruleSet);
    this.latencyDays = LatencyDays.forSession(kieBase, session);
    this.loginDays = LoginDays.forSession(kieBase, session, reference);
    this.reference = reference;
    this.decisions = new DecisionEmitter(reference, ruleSet.version());
    if (declaresGlobal(kieBase, DecisionEmitter.GLOBAL)) {
      session.setGlobal(DecisionEmitter.GLOBAL, decisions);
    }
    if (declaresGlobal(kieBase, ReferenceData.GLOBAL)) {
      session.setGlobal(ReferenceData.GLOBAL, reference);
    }
  }

  @Override
  public List<Decision> evaluate(Alert alert) {
    insertAndFire(alert);
    return decisions.drain();
  }

  @Override
  public void warmUp(Alert alert) {
    insertAndFire(alert);
    decisions.drain();
  }

  /**
   * What a restart must replay: {@link RuleSet#replayWindow()}, the longest rule window plus the
   * allowed lateness, so late alerts correlate after a restart as they would have before it.
   */
  @Override
  public Duration longestWindow() {
    return replayWindow;
  }

  @Override
  public void close() {
    session.dispose();
  }

  /** The session's event time: the latest {@code @timestamp} seen. */
  Instant eventTime() {
    return Instant.ofEpochMilli(clock.getCurrentTime());
  }

  /**
   * How many facts (alerts and traces) the session holds: only those inside the window of a rule
   * that can still match them.
   */
  long factCount() {
    return session.getFactCount();
  }

  /** How many input-latency samples the session's {@link LatencyDay} facts hold. */
  long latencySamples() {
    return latencyDays == null ? 0 : latencyDays.samples();
  }

  /** How many logins the session's {@link LoginDay} facts hold. */
  long loginSamples() {
    return loginDays == null ? 0 : loginDays.samples();
  }

  private void insertAndFire(Alert alert) {
    long eventTime = alert.timestamp().toEpochMilli();
    long now = clock.getCurrentTime();
    if (eventTime > now) {
      clock.advanceTime(eventTime - now, TimeUnit.MILLISECONDS);
      now = eventTime;
    }
    deleteExpired(now);
    AlertEvent event = new AlertEvent(alert, documentFields, interner);
    if (latencyDays != null && LatencyDays.ACTION.equals(event.getAction())) {
      latencyDays.record(event);
    }
    if (loginDays != null && LoginDays.ACTION.equals(event.getAction())) {
      loginDays.record(event);
    }
    FactHandle trace = null;
    if (event.getAction() != null && Trace.TRACKED_ACTIONS.contains(event.getAction())) {
      boolean masked = reference.isCorporate(event.getSourceIp()) || reference.isAnonymising(event);
      trace = session.insert(new Trace(event, masked));
    }
    FactHandle handle = session.insert(event);
    session.fireAllRules();
    if (latencyDays != null) {
      latencyDays.fired();
      // A sample that arrived after its day had passed leaves at once, and the rules see it go in
      // the same evaluation, as Drools expired such a trace within the same firing.
      if (latencyDays.expire(now)) {
        session.fireAllRules();
        latencyDays.fired();
      }
    }
    if (loginDays != null) {
      loginDays.fired();
      // A login already past its day leaves at once; leaving fires nothing.
      loginDays.expire(now);
    }
    // Its own alert's rules have fired; from here a fact stays only for a rule that looks back.
    if (trace != null) {
      keepOrDelete(trace, eventTime, now, Trace.EXPIRY.toMillis());
    }
    keepOrDelete(handle, eventTime, now, AlertEvent.EXPIRY.toMillis());
  }

  /**
   * Deletes the fact now if no rule that looks back holds it, else keeps it for the longest window
   * of those rules plus the allowed lateness, and never longer than its type's expiry.
   */
  private void keepOrDelete(FactHandle handle, long eventTime, long now, long expiry) {
    long window = retention.windowMillis(handle);
    if (window == Retention.NONE) {
      session.delete(handle);
      return;
    }
    long keep = Math.min(expiry, saturatedAdd(window, AlertEvent.ALLOWED_LATENESS.toMillis()));
    long expiresAt = eventTime + keep;
    if (expiresAt < now) {
      session.delete(handle);
    } else {
      held.add(new Held(expiresAt, handle));
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }

  /** Deletes the facts whose windows the event clock has passed . */
  private void deleteExpired(long now) {
    if (latencyDays != null) {
      latencyDays.expire(now);
    }
    if (loginDays != null) {
      loginDays.expire(now);
    }
    while (!held.isEmpty() && held.peek().expiresAt() < now) {
      FactHandle handle = held.poll().handle();
      // A rule may have deleted it already.
      if (!(handle instanceof InternalFactHandle fact) || fact.isValid()) {
        session.delete(handle);
      }
    }
  }

  private static boolean declaresGlobal(KieBase kieBase, String name) {
    for (KiePackage kiePackage : kieBase.getKiePackages()) {
      if (kiePackage.getGlobalVariables().stream()
          .anyMatch(global -> global.getName().equals(name))) {
        return true;
      }
    }
    return false;
  }
}
