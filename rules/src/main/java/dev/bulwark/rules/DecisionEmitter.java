package dev.bulwark.rules;

import dev.bulwark.core.rules.Decision;
import dev.bulwark.rules.reference.ReferenceData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The DRL global {@code decisions}: how a rule's consequence says "open an incident". It reads the
 * rule's metadata ({@code @id}, {@code @severity}, {@code @risk}, {@code @playbook}) so a
 * consequence names only the alerts involved:
 *
 * <pre>
 * global dev.bulwark.rules.DecisionEmitter decisions;
 * ...
 * then
 *     decisions.incident(drools, $success, $failures);
 * </pre>
 *
 * The returned {@link DecisionDraft} can adjust risk, severity and playbook parameters. The
 * evaluator drains the collected decisions after each fire; rules never act themselves.
 */
public final class DecisionEmitter {

  /** The name rules must declare the global under. */
  public static final String GLOBAL = "decisions";

  private final Map<String, RuleMetadata> metadataByRule = new HashMap<>();
  private final List<DecisionDraft> pending = new ArrayList<>();
  private final ReferenceData reference;
  private final String ruleSetVersion;

  DecisionEmitter() {
    this(ReferenceData.withDefaults(), null);
  }

  DecisionEmitter(ReferenceData reference, String ruleSetVersion) {
    this.reference = reference;
    this.ruleSetVersion = ruleSetVersion;
  }

  /**
   * Emits a risk signal about the trigger's identity (its user, else its host): the rule's {@code
   * @risk} as points, weighed by {@link DecisionDraft#NEW_HIRE_WEIGHT} when the user was hired
   * within {@link ReferenceData#NEW_HIRE_DAYS} days. The engine adds the points up per identity
   * and opens an incident when they cross its threshold.
   *
   * @param drools the consequence's {@code drools} (or {@code kcontext})
   */
  public DecisionDraft risk(Object drools, Evidence trigger) {
    return risk(drools, trigger, List.of());
  }

  /** Emits a risk signal about the trigger's identity, listing the contributing alerts. */
  public DecisionDraft risk(Object drools, Evidence trigger, Collection<?> contributing) {
    DecisionDraft draft = emit(drools, trigger, contributing, Decision.Kind.RISK);
    if (trigger.getUserName() != null
        && reference.isNewHire(trigger.getUserName(), trigger.getTimestamp())) {
      draft.weight(DecisionDraft.NEW_HIRE_WEIGHT);
    }
    return draft;
  }

  /**
   * Emits an incident decision about the trigger alert alone.
   *
   * @param drools the consequence's {@code drools} (or {@code kcontext})
   */
  public DecisionDraft incident(Object drools, AlertEvent trigger) {
    return incident(drools, trigger, List.of());
  }

  /**
   * Emits an incident decision about the trigger and the alerts that contributed to it (e.g. the
   * failures an {@code accumulate} collected); the trigger may be among them.
   *
   * @param drools the consequence's {@code drools} (or {@code kcontext})
   */
  public DecisionDraft incident(Object drools, AlertEvent trigger, Collection<?> contributing) {
    return emit(drools, trigger, contributing, Decision.Kind.INCIDENT);
  }

  private DecisionDraft emit(
      Object drools, Evidence trigger, Collection<?> contributing, Decision.Kind kind) {
    Rule rule = ruleOf(drools);
    if (trigger == null) {
      throw new IllegalArgumentException(
          "rule \"" + rule.getName() + "\" emitted an incident without a trigger alert");
    }
    List<Evidence> alerts = new ArrayList<>();
    alerts.add(trigger);
    for (Object each : contributing) {
      if (!(each instanceof Evidence event)) {
        throw new IllegalArgumentException(
            "rule \""
                + rule.getName()
                + "\" passed a contributing fact that is not an AlertEvent or a Trace: "
                + (each == null ? "null" : each.getClass().getName()));
      }
      alerts.add(event);
    }
    DecisionDraft draft = new DecisionDraft(metadata(rule), trigger, alerts, kind, ruleSetVersion);
    pending.add(draft);
    return draft;
  }

  /** The decisions emitted since the last call, in emission order. */
  List<Decision> drain() {
    List<Decision> decisions = new ArrayList<>(pending.size());
    pending.forEach(draft -> decisions.add(draft.toDecision()));
    pending.clear();
    return decisions;
  }

  private RuleMetadata metadata(Rule rule) {
    String key = rule.getPackageName() + "." + rule.getName();
    return metadataByRule.computeIfAbsent(
        key, unused -> RuleMetadata.of(rule.getName(), rule.getMetaData()));
  }

  private static Rule ruleOf(Object drools) {
    if (drools instanceof RuleContext context) {
      return context.getRule();
    }
    throw new IllegalArgumentException(
        "decisions.incident(...) takes the consequence's `drools` (or `kcontext`) first, got "
            + (drools == null ? "null" : drools.getClass().getName()));
  }
}
