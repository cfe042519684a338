package dev.bulwark.rules;

import dev.bulwark.rules.reference.ReferenceData;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Keeps one {@link LoginDay} fact per user in a session whose rules read them, instead of a {@link
 * Trace} per login held for a day (ADR 0303). It keeps the logins "impossible travel" compares:
 * successful, located, with a user, and not from a masked network ({@link Trace#isMaskedNetwork}:
 * corporate or anonymising, judged on arrival as for the trace). A login stays as long as its trace
 * would have: {@link Trace#EXPIRY} after its event time.
 */
final class LoginDays extends UserDays<LoginDay> {

  static final String ACTION = "user-login";

  private final ReferenceData reference;

  private LoginDays(KieSession session, ReferenceData reference) {
    super(session);
    this.reference = reference;
  }

  /** Days for the session when a rule of the KieBase matches {@link LoginDay}, else null. */
  static LoginDays forSession(KieBase kieBase, KieSession session, ReferenceData reference) {
    return matched(kieBase, LoginDay.class) ? new LoginDays(session, reference) : null;
  }

  @Override
  LoginDay newDay(String userName) {
    return new LoginDay(userName);
  }

  /** Records a login if it is one to compare; the caller fires the rules. */
  void record(AlertEvent event) {
    String user = event.getUserName();
    if (user == null
        || !"success".equals(event.getOutcome())
        || Double.isNaN(event.getLat())
        || Double.isNaN(event.getLon())
        || reference.isCorporate(event.getSourceIp())
        || reference.isAnonymising(event)) {
      return;
    }
    add(
        user,
        day ->
            day.add(
                event.getSeq(),
                event.getTimestamp(),
                event.getLat(),
                event.getLon(),
                event.getHostName(),
                event.getSourceIp()));
  }
}
