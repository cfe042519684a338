package dev.bulwark.app.audit;

import dev.bulwark.core.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Logins in the audit trail. The API is stateless, so every request authenticates again: a success
 * is recorded once per user per quarter hour (a session, in effect); every failure is recorded.
 */
@Component
class LoginAudit {

  private static final Duration SESSION = Duration.ofMinutes(15);

  private final AuditLog audit;
  private final Clock clock;
  private final Map<String, Instant> lastRecorded = new ConcurrentHashMap<>();

  LoginAudit(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    String user = event.getAuthentication().getName();
    Instant now = clock.instant();
    Instant last = lastRecorded.get(user);
    if (last == null || last.isBefore(now.minus(SESSION))) {
      lastRecorded.put(user, now);
      audit.recordAs(
          user,
          "login",
          user,
          Map.of("method", event.getAuthentication().getClass().getSimpleName()));
    }
  }

  @EventListener
  void failed(AbstractAuthenticationFailureEvent event) {
    // A bearer token's "name" is the token itself: a credential, which must never be stored.
    String user =
        event.getAuthentication() instanceof BearerTokenAuthenticationToken
            ? "bearer-token"
            : String.valueOf(event.getAuthentication().getName());
    audit.recordAs(
        user,
        "login.failed",
        user,
        Map.of("reason", event.getException().getClass().getSimpleName()));
  }
}
