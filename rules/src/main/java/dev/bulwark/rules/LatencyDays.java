package dev.bulwark.rules;

import org.kie.api.runtime.KieSession;

/**
 * Keeps one {@link LatencyDay} fact per user in a session whose rules read them, instead of a
 * {@link Trace} per input-latency sample held for a day (ADR 0303).
 */
final class LatencyDays extends EventDays<LatencyDay> {

  static final String ACTION = "input-latency";

  LatencyDays(KieSession session) {
    super(session);
  }

  /** The sample's user, for input-latency samples ({@link #ACTION}). */
  @Override
  String keyOf(AlertEvent event) {
    return ACTION.equals(event.getAction()) ? event.getUserName() : null;
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
