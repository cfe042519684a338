package dev.bulwark.app.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Who is acting and from where, as seen from the current thread. */
final class AuditContext {

  private AuditContext() {}

  /** The authenticated caller; {@code system} for the engine's own threads (rules, playbooks). */
  static String actor() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return "system";
    }
    return authentication.getName();
  }

  /**
   * The client address of the current request ({@code server.forward-headers-strategy} decides
   * whether a proxy's X-Forwarded-For is believed), or {@code engine} off a request thread.
   */
  static String origin() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
      HttpServletRequest request = attrs.getRequest();
      return request.getRemoteAddr();
    }
    return "engine";
  }
}
