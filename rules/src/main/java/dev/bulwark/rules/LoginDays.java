package dev.bulwark.rules;

import dev.bulwark.rules.reference.ReferenceData;
import org.kie.api.runtime.KieSession;

/**
 * Keeps one {@link LoginDay} fact per user in a session whose rules read them, instead of a {@link
 * Trace} per login held for a day (ADR 0303). It keeps the logins "impossible travel" compares:
 * successful, located, with a user, and not from a masked network ({@link Trace#isMaskedNetwork}:
 * corporate or anonymising, judged on arrival as for the trace).
 */
final class LoginDays extends EventDays<LoginDay> {

  static final String ACTION = "user-login";

  private final ReferenceData reference;

  LoginDays(KieSession session, ReferenceData reference) {
    super(session);
    this.reference = reference;
  }

  /** The login's user, if it is one to compare. */
  @Override
  String keyOf(AlertEvent event) {
    boolean compared =
        ACTION.equals(event.getAction())
            && "success".equals(event.getOutcome())
            && !Double.isNaN(event.getLat())
            && !Double.isNaN(event.getLon())
            && !reference.isCorporate(event.getSourceIp())
            && !reference.isAnonymising(event);
    return compared ? event.getUserName() : null;
  }

  @Override
  LoginDay newDay(String userName) {
    return new LoginDay(userName);
  }

  @Override
  void add(LoginDay day, AlertEvent event) {
    day.add(
        event.getSeq(),
        event.getTimestamp(),
        event.getLat(),
        event.getLon(),
        event.getHostName(),
        event.getSourceIp());
  }
}
