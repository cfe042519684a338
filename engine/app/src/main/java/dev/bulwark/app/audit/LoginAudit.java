package dev.bulwark.app.audit;

import dev.bulwark.app.audit.FailureThrottle.Decision;
import dev.bulwark.app.audit.FailureThrottle.Failure;
import dev.bulwark.app.audit.FailureThrottle.Repeats;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Logins in the audit trail (ADR 0703). A webapp login opens a session and is recorded every time.
 * The API is stateless, so every request authenticates again: an API success is recorded once per
 * user per quarter hour (a session, in effect). Failures of every way in are recorded with the
 * claimed name and the address, throttled by {@link FailureThrottle} so that a guesser's thousands
 * of tries become one record and a count.
 */
@Component
class LoginAudit {

  private static final Logger log = LoggerFactory.getLogger(LoginAudit.class);
  private static final Duration SESSION = Duration.ofMinutes(15);
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);
  static final int NAMES_PER_ORIGIN = 20;
  static final int MAX_TRACKED = 10_000;

  private final JdbcAuditLog audit;
  private final Clock clock;
  private final FailureThrottle throttle;
  private final Map<String, Instant> lastRecorded = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bulwark-login-audit");
            t.setDaemon(true);
            return t;
          });

  LoginAudit(JdbcAuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
    this.throttle = new FailureThrottle(FAILURE_WINDOW, NAMES_PER_ORIGIN, MAX_TRACKED, clock);
    sweeper.scheduleWithFixedDelay(this::recordClosedWindows, 30, 30, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    sweeper.shutdownNow();
    try {
      throttle.drain().forEach(this::recordRepeats);
    } catch (RuntimeException e) {
      log.warn("BULWARK-7030 could not record repeated login failures: {}", e.toString());
    }
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    Authentication authentication = event.getAuthentication();
    String user = authentication.getName();
    Instant now = clock.instant();
    Instant last = lastRecorded.get(user);
    if (last == null || last.isBefore(now.minus(SESSION))) {
      lastRecorded.put(user, now);
      audit.recordFrom(
          user, "login", user, origin(authentication), Map.of("method", method(authentication)));
    }
  }

  @EventListener
  void failed(AbstractAuthenticationFailureEvent event) {
    Authentication authentication = event.getAuthentication();
    // A bearer token's "name" is the token itself: a credential, which must never be stored.
    String claimed =
        authentication instanceof BearerTokenAuthenticationToken
            ? "bearer-token"
            : String.valueOf(authentication.getName());
    String message = event.getException().getMessage();
    failure(
        origin(authentication),
        method(authentication),
        claimed,
        event.getException().getClass().getSimpleName()
            + (message == null ? "" : ": " + clip(message)));
  }

  /** A login to a Camunda webapp (Tasklist, Cockpit, Admin), which keeps its own session. */
  void webapp(String user, String app, int status, String origin) {
    if (status == 200) {
      audit.recordFrom(user, "login", user, origin, Map.of("method", "webapp", "app", app));
    } else {
      failure(
          origin,
          "webapp",
          user,
          (status == 401 ? "wrong user name or password" : "refused with " + status)
              + " (app "
              + app
              + ")");
    }
  }

  private void failure(String origin, String method, String claimed, String reason) {
    Decision decision = throttle.offer(new Failure(method, claimed, origin));
    if (decision.earlier() != null) {
      recordRepeats(decision.earlier());
    }
    if (decision.record()) {
      Failure as = decision.as();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("method", method);
      details.put("reason", reason);
      if (!as.claimed().equals(claimed)) {
        details.put("claimed", clip(claimed));
      }
      audit.recordFrom(as.claimed(), "login.failed", as.claimed(), origin, details);
    }
  }

  private void recordClosedWindows() {
    try {
      throttle.sweep().forEach(this::recordRepeats);
    } catch (RuntimeException e) {
      // The counts stay lost rather than the sweeper dying; the first failure of each is recorded.
      log.warn("BULWARK-7030 could not record repeated login failures: {}", e.toString());
    }
  }

  private void recordRepeats(Repeats repeats) {
    Failure f = repeats.failure();
    audit.recordFrom(
        f.claimed(),
        "login.failed.repeated",
        f.claimed(),
        f.origin(),
        Map.of(
            "method",
            f.method(),
            "count",
            repeats.count(),
            "from",
            repeats.from().toString(),
            "until",
            repeats.until().toString()));
  }

  /**
   * The client address. Authentication runs in Spring Security's filters, before the request is
   * exposed to {@link AuditContext}; the authentication's web details carry it instead.
   */
  private static String origin(Authentication authentication) {
    return authentication.getDetails() instanceof WebAuthenticationDetails web
            && web.getRemoteAddress() != null
        ? web.getRemoteAddress()
        : AuditContext.origin();
  }

  private static String method(Authentication authentication) {
    if (authentication instanceof BearerTokenAuthenticationToken
        || authentication instanceof JwtAuthenticationToken) {
      return "bearer";
    }
    String name = String.valueOf(authentication.getName());
    if (name.startsWith("key:") || name.startsWith("api-key")) {
      return "api-key";
    }
    if (name.startsWith("webhook:")) {
      return "webhook";
    }
    return "basic";
  }

  private static String clip(String value) {
    return value.length() <= 200 ? value : value.substring(0, 199) + "…";
  }
}
