package dev.bulwark.core.rules;

import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Severity;
import java.util.List;
import java.util.Map;

/**
 * What a rule concluded: that an incident about an entity is warranted, with which severity and
 * risk, and which playbook should contain it. Rules only decide; the engine acts on decisions.
 *
 * @param ruleId the rule's stable id
 * @param ruleName the rule's human name, used as the incident title
 * @param entityKey the entity the incident is about (e.g. {@code user:jdoe}); incidents correlate
 *     by rule and entity
 * @param alertSeqs the journal positions of the alerts that made the rule fire
 * @param playbook the BPMN process id to start, or {@code null} for none
 * @param parameters extra playbook inputs
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
    Map<String, Object> parameters) {

  public Decision {
    alertSeqs = List.copyOf(alertSeqs);
    parameters = Map.copyOf(parameters);
  }

  /** The key of the incident this decision belongs to. */
  public String correlationKey() {
    return ruleId + "|" + entityKey;
  }
}
