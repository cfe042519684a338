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

  private final RuleMetadata rule;
  private final AlertEvent trigger;
  private final List<AlertEvent> alerts;
  private Severity severity;
  private int risk;
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  DecisionDraft(RuleMetadata rule, AlertEvent trigger, List<AlertEvent> alerts) {
    this.rule = rule;
    this.trigger = trigger;
    this.alerts = alerts;
    this.severity = rule.severity();
    this.risk = rule.risk();
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
    List<AlertEvent> bySeq = distinctBySeq();
    Set<String> users = new LinkedHashSet<>();
    Set<String> hosts = new LinkedHashSet<>();
    Set<String> ips = new LinkedHashSet<>();
    for (AlertEvent alert : bySeq) {
      addIfPresent(users, alert.getUserName());
      addIfPresent(hosts, alert.getHostName());
      addIfPresent(ips, alert.getSourceIp());
    }
    return new Decision(
        rule.id(),
        rule.name(),
        severity,
        risk,
        entityKey(bySeq),
        new Entities(List.copyOf(users), List.copyOf(hosts), List.copyOf(ips)),
        bySeq.stream().map(AlertEvent::getSeq).toList(),
        rule.playbook(),
        parameters);
  }

  /**
   * The entity the incident is about: the trigger's user, else its host, else its source IP; when
   * the trigger names none, the first one any involved alert names; else the trigger alert itself,
   * so such an incident stays on its own rather than merging unrelated alerts.
   */
  private String entityKey(List<AlertEvent> bySeq) {
    String own = entityKeyOf(trigger);
    if (own != null) {
      return own;
    }
    for (AlertEvent alert : bySeq) {
      String key = entityKeyOf(alert);
      if (key != null) {
        return key;
      }
    }
    return "alert:" + trigger.getSeq();
  }

  private static String entityKeyOf(AlertEvent alert) {
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

  private List<AlertEvent> distinctBySeq() {
    Map<Long, AlertEvent> bySeq = new LinkedHashMap<>();
    alerts.stream()
        .sorted(Comparator.comparingLong(AlertEvent::getSeq))
        .forEach(alert -> bySeq.putIfAbsent(alert.getSeq(), alert));
    return new ArrayList<>(bySeq.values());
  }

  private static void addIfPresent(Set<String> values, String value) {
    if (value != null) {
      values.add(value);
    }
  }
}
