package dev.bulwark.core.risk;

import java.time.Instant;
import java.util.List;

/**
 * Points a rule added to an entity (an identity or a host) at an event time, and the alerts that
 * made it fire.
 */
public record RiskSignal(
    String entityKey,
    String ruleId,
    String ruleName,
    int points,
    Instant eventTime,
    List<Long> alertSeqs) {

  public RiskSignal {
    alertSeqs = List.copyOf(alertSeqs);
  }
}
