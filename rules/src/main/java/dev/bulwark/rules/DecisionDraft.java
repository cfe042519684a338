package dev.bulwark.rules;

import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Severity;
import dev.bulwark.core.rules.Decision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A decision a rule has just emitted, with the rule's metadata as defaults; the consequence may
 * adjust it before the evaluator collects it:
 *
 * <pre>
 * decisions.incident(drools, $alert)
 *     .risk($alert.getRiskScore())
 *     .severity($alert.getRiskScore() &gt;= 90 ? "critical" : "high");
 * </pre>
 */
public final class DecisionDraft {

  /** How much more a signal about a new hire weighs: the threat enters through fresh hires. */
  public static final double NEW_HIRE_WEIGHT = 1.5;

  private final RuleMetadata rule;
  private final Evidence trigger;
  private final List<Evidence> alerts;
  private final Decision.Kind kind;
  private final String ruleSetVersion;
  private Severity severity;
  private int risk;
  private double weight = 1;
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  DecisionDraft(
      RuleMetadata rule,
      Evidence trigger,
      List<Evidence> alerts,
      Decision.Kind kind,
      String ruleSetVersion) {
    this.rule = rule;
    this.trigger = trigger;
    this.alerts = alerts;
    this.kind = kind;
    this.ruleSetVersion = ruleSetVersion;
    this.severity = rule.severity();
    this.risk = rule.risk();
  }

  /**
   * Sets a risk signal's points (the rule's {@code @risk} by default), kept within 0-100 before the
   * new-hire weight applies.
   */
  public DecisionDraft points(double points) {
    return risk(points);
  }

  /** Multiplies the points of a risk signal, e.g. by {@link #NEW_HIRE_WEIGHT}. */
  DecisionDraft weight(double factor) {
    this.weight = factor;
    return this;
  }

  /** Sets the severity: {@code low}, {@code medium}, {@code high} or {@code critical}. */
  public DecisionDraft severity(String severity) {
    try {
      this.severity = Severity.parse(severity);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("rule \"" + rule.name() + "\": " + e.getMessage(), e);
    }
    return this;
  }

  /**
   * Sets the risk score, rounded and kept within 0-100: the score often comes from a SIEM's alert,
   * and one out-of-range value must not stop the pipeline. NaN keeps the rule's {@code @risk}.
   */
  public DecisionDraft risk(double score) {
    if (!Double.isNaN(score)) {
      this.risk = (int) Math.max(0, Math.min(100, Math.round(score)));
    }
    return this;
  }

  /** Adds an input for the playbook; {@code null} is not a value (leave the parameter out). */
  public DecisionDraft parameter(String name, Object value) {
    if (name == null || value == null) {
      throw new IllegalArgumentException(
          "rule \"" + rule.name() + "\": playbook parameter " + name + " must have a value");
    }
    parameters.put(name, value);
    return this;
  }

  Decision toDecision() {
    List<Evidence> bySeq = distinctBySeq();
    Set<String> users = new LinkedHashSet<>();
    Set<String> hosts = new LinkedHashSet<>();
    Set<String> ips = new LinkedHashSet<>();
    for (Evidence alert : bySeq) {
      addIfPresent(users, alert.getUserName());
      addIfPresent(hosts, alert.getHostName());
      addIfPresent(ips, alert.getSourceIp());
    }
    return new Decision(
        rule.id(),
        rule.name(),
        severity,
        (int) Math.round(risk * weight),
        entityKey(bySeq),
        new Entities(List.copyOf(users), List.copyOf(hosts), List.copyOf(ips)),
        bySeq.stream().map(Evidence::getSeq).toList(),
        rule.playbook(),
        parameters,
        kind,
        ruleSetVersion);
  }

  /**
   * The entity the incident is about: the trigger's user, else its host, else its source IP; when
   * the trigger names none, the first one any involved alert names; else the trigger alert itself,
   * so such an incident stays on its own rather than merging unrelated alerts.
   */
  private String entityKey(List<Evidence> bySeq) {
    String own = entityKeyOf(trigger);
    if (own != null) {
      return own;
    }
    for (Evidence alert : bySeq) {
      String key = entityKeyOf(alert);
      if (key != null) {
        return key;
      }
    }
    return "alert:" + trigger.getSeq();
  }

  private static String entityKeyOf(Evidence alert) {
    if (alert.getUserName() != null) {
      return "user:" + alert.getUserName();
    }
    if (alert.getHostName() != null) {
      return "host:" + alert.getHostName();
    }
    if (alert.getSourceIp() != null) {
      return "ip:" + alert.getSourceIp();
    }
    return null;
  }

  private List<Evidence> distinctBySeq() {
    Map<Long, Evidence> bySeq = new LinkedHashMap<>();
    alerts.stream()
        .sorted(Comparator.comparingLong(Evidence::getSeq))
        .forEach(alert -> bySeq.putIfAbsent(alert.getSeq(), alert));
    return new ArrayList<>(bySeq.values());
  }

  private static void addIfPresent(Set<String> values, String value) {
    if (value != null) {
      values.add(value);
    }
  }
}
