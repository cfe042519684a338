package dev.bulwark.core.rules;

import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Severity;
import java.util.List;
import java.util.Map;

/**
 * What a rule concluded. An {@link Kind#INCIDENT} decision says an incident about an entity is
 * warranted, with which severity and risk, and which playbook should contain it. A {@link
 * Kind#RISK} decision is a weak signal: it adds {@code riskScore} points to the entity (an
 * identity), and the engine opens an incident once the entity's points within the risk window cross
 * the threshold. Rules only decide; the engine acts on decisions.
 *
 * @param ruleId the rule's stable id
 * @param ruleName the rule's human name, used as the incident title
 * @param riskScore an incident's risk (0-100), or a risk signal's points
 * @param entityKey the entity the decision is about (e.g. {@code user:jdoe}); incidents correlate
 *     by rule and entity, risk accumulates by entity
 * @param alertSeqs the journal positions of the alerts that made the rule fire
 * @param playbook the BPMN process id to start, or {@code null} for none
 * @param parameters extra playbook inputs
 * @param kind an incident or a risk signal
 * @param ruleSetVersion the version (hash of the files) of the rule set that decided, or {@code
 *     null} when not known
 */
public record Decision(
    String ruleId,
    String ruleName,
    Severity severity,
    int riskScore,
    String entityKey,
    Entities entities,
    List<Long> alertSeqs,
    String playbook,
    Map<String, Object> parameters,
    Kind kind,
    String ruleSetVersion) {

  /** What the decision asks the engine for. */
  public enum Kind {
    /** Open an incident (or join the open one of the same rule and entity). */
    INCIDENT,
    /** Add risk points to the entity; an incident opens when its points cross the threshold. */
    RISK
  }

  public Decision {
    alertSeqs = List.copyOf(alertSeqs);
    parameters = Map.copyOf(parameters);
    kind = kind == null ? Kind.INCIDENT : kind;
  }

  /** An incident decision from a rule set of unknown version. */
  public Decision(
      String ruleId,
      String ruleName,
      Severity severity,
      int riskScore,
      String entityKey,
      Entities entities,
      List<Long> alertSeqs,
      String playbook,
      Map<String, Object> parameters) {
    this(
        ruleId,
        ruleName,
        severity,
        riskScore,
        entityKey,
        entities,
        alertSeqs,
        playbook,
        parameters,
        Kind.INCIDENT,
        null);
  }

  /** The key of the incident this decision belongs to. */
  public String correlationKey() {
    return kind == Kind.RISK ? RISK_PREFIX + entityKey : ruleId + "|" + entityKey;
  }

  /**
   * Risk incidents correlate by entity alone: every signal about an identity joins one incident.
   */
  public static final String RISK_PREFIX = "risk|";
}
