package dev.bulwark.rules;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.rules.Decision;
import dev.bulwark.core.rules.RuleEvaluator;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.time.SessionPseudoClock;

/**
 * Evaluates alerts with one Drools session on event time. The session runs a pseudo clock that
 * follows the alerts' {@code @timestamp}s: it moves forward to each alert's event time and never
 * back, so windows and expiry depend on the alerts alone, not on when they arrive. A replay of last
 * week's alerts gives last week's decisions; an alert that arrives late is still inserted and joins
 * the windows it falls in. Not thread-safe, like every {@link RuleEvaluator}.
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

  /** How many alerts the session holds; expiry keeps it bounded. */
  long factCount() {
    return session.getFactCount();
  }

  private void insertAndFire(Alert alert) {
    long eventTime = alert.timestamp().toEpochMilli();
    long now = clock.getCurrentTime();
    if (eventTime > now) {
      clock.advanceTime(eventTime - now, TimeUnit.MILLISECONDS);
    }
    AlertEvent event = new AlertEvent(alert);
    if (event.getAction() != null && Trace.TRACKED_ACTIONS.contains(event.getAction())) {
      boolean masked = reference.isCorporate(event.getSourceIp()) || reference.isAnonymising(event);
      session.insert(new Trace(event, masked));
    }
    session.insert(event);
    session.fireAllRules();
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
