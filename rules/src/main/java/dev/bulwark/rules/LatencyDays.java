package dev.bulwark.rules;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Keeps one {@link LatencyDay} fact per user in a session whose rules read them, instead of a
 * {@link Trace} per input-latency sample held for a day (ADR 0303).
 */
final class LatencyDays extends EventDays<LatencyDay> {

  static final String ACTION = "input-latency";

  private LatencyDays(KieSession session) {
    super(session);
  }

  /** Days for the session when a rule of the KieBase matches {@link LatencyDay}, else null. */
  static LatencyDays forSession(KieBase kieBase, KieSession session) {
    return readBy(kieBase, LatencyDay.class) ? new LatencyDays(session) : null;
  }

  /** The sample's user; the evaluator records only samples ({@link #ACTION}). */
  @Override
  String keyOf(AlertEvent event) {
    return event.getUserName();
  }

  @Override
  LatencyDay newDay(String userName) {
    return new LatencyDay(userName);
  }

  @Override
  void add(LatencyDay day, AlertEvent event) {
    day.add(
        event.getSeq(),
        event.getTimestamp(),
        event.getDurationNanos(),
        event.getHostName(),
        event.getSourceIp());
  }
}
