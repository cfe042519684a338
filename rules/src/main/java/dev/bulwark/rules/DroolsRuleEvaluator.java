package dev.bulwark.rules;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.rules.Decision;
import dev.bulwark.core.rules.RuleEvaluator;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
  // Day-long evidence as one fact per user or device, for the kinds a rule reads (ADR 0303).
  private final List<EventDays<?>> days = new ArrayList<>();
  private final LatencyDays latencyDays;
  private final DeviceDays deviceDays;
  private final LoginDays loginDays;
  // Whether any rule matches alerts or traces at all: a fact no rule reads is not inserted.
  private final boolean insertsAlerts;
  private final boolean insertsTraces;
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
    FactTypes factTypes = new FactTypes(kieBase);
    this.insertsAlerts = factTypes.reads(AlertEvent.class);
    this.insertsTraces = factTypes.reads(Trace.class);
    this.latencyDays = factTypes.reads(LatencyDay.class) ? new LatencyDays(session) : null;
    this.deviceDays = factTypes.reads(DeviceDay.class) ? new DeviceDays(session) : null;
    this.loginDays = factTypes.reads(LoginDay.class) ? new LoginDays(session, reference) : null;
    Stream.of(latencyDays, deviceDays, loginDays).filter(Objects::nonNull).forEach(days::add);
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
    return latencyDays == null ? 0 : latencyDays.events();
  }

  /** How many logins the session's {@link LoginDay} facts hold. */
  long loginSamples() {
    return loginDays == null ? 0 : loginDays.events();
  }

  /** How many logins and MFA challenges the session's {@link DeviceDay} facts hold. */
  long deviceUses() {
    return deviceDays == null ? 0 : deviceDays.events();
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
    for (EventDays<?> each : days) {
      each.record(event);
    }
    FactHandle trace = null;
    if (insertsTraces
        && event.getAction() != null
        && Trace.TRACKED_ACTIONS.contains(event.getAction())) {
      boolean masked = reference.isCorporate(event.getSourceIp()) || reference.isAnonymising(event);
      trace = session.insert(new Trace(event, masked));
    }
    FactHandle handle = insertsAlerts ? session.insert(event) : null;
    session.fireAllRules();
    if (!days.isEmpty()) {
      days.forEach(EventDays::fired);
      // An event that arrived after its day had passed leaves at once, and the rules see it go in
      // the same evaluation, as Drools expired such a trace within the same firing.
      if (expireDays(now)) {
        session.fireAllRules();
        days.forEach(EventDays::fired);
      }
    }
    // Its own alert's rules have fired; from here a fact stays only for a rule that looks back.
    boolean expired = false;
    if (trace != null) {
      expired |= keepOrDelete(trace, eventTime, now, Trace.EXPIRY.toMillis());
    }
    if (handle != null) {
      expired |= keepOrDelete(handle, eventTime, now, AlertEvent.EXPIRY.toMillis());
    }
    if (expired) {
      // A fact that arrived after its windows had passed leaves at once, and the rules that held it
      // see it go in the same evaluation, as when Drools expired it.
      session.fireAllRules();
    }
  }

  /**
   * Deletes the fact now if no rule that looks back holds it, else keeps it for the longest window
   * of those rules plus the allowed lateness, and never longer than its type's expiry.
   *
   * @return whether a rule that looks back held the fact and it was deleted because it came too
   *     late for any window: those rules must see it go
   */
  private boolean keepOrDelete(FactHandle handle, long eventTime, long now, long expiry) {
    long window = retention.windowMillis(handle);
    if (window == Retention.NONE) {
      session.delete(handle);
      return false;
    }
    long keep = Math.min(expiry, saturatedAdd(window, AlertEvent.ALLOWED_LATENESS.toMillis()));
    long expiresAt = eventTime + keep;
    if (expiresAt < now) {
      session.delete(handle);
      return true;
    }
    held.add(new Held(expiresAt, handle));
    return false;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }

  /** Deletes the facts whose windows the event clock has passed . */
  private void deleteExpired(long now) {
    expireDays(now);
    while (!held.isEmpty() && held.peek().expiresAt() < now) {
      FactHandle handle = held.poll().handle();
      // A rule may have deleted it already.
      if (!(handle instanceof InternalFactHandle fact) || fact.isValid()) {
        session.delete(handle);
      }
    }
  }

  /** Removes from the days the events older than their window allows; whether any went. */
  private boolean expireDays(long now) {
    boolean removed = false;
    for (EventDays<?> each : days) {
      removed |= each.expire(now);
    }
    return removed;
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
