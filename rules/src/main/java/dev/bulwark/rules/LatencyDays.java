package dev.bulwark.rules;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Keeps one {@link LatencyDay} fact per user in a session whose rules read them, instead of a
 * {@link Trace} per input-latency sample held for a day (ADR 0303). A sample stays as long as its
 * trace would have: {@link Trace#EXPIRY} after its event time; a day with no sample left leaves the
 * session.
 */
final class LatencyDays extends UserDays<LatencyDay> {

  static final String ACTION = "input-latency";

  private LatencyDays(KieSession session) {
    super(session);
  }

  /** Days for the session when a rule of the KieBase matches {@link LatencyDay}, else null. */
  static LatencyDays forSession(KieBase kieBase, KieSession session) {
    return matched(kieBase, LatencyDay.class) ? new LatencyDays(session) : null;
  }

  @Override
  LatencyDay newDay(String userName) {
    return new LatencyDay(userName);
  }

  /** Records a sample of a user; the caller fires the rules. */
  void record(AlertEvent event) {
    String user = event.getUserName();
    if (user == null) {
      return;
    }
    add(
        user,
        day ->
            day.add(
                event.getSeq(),
                event.getTimestamp(),
                event.getDurationNanos(),
                event.getHostName(),
                event.getSourceIp()));
  }
}
