package dev.bulwark.app.audit;

import dev.bulwark.app.security.CachedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Watches the Camunda webapps' form login ({@code POST .../auth/user/<engine>/login/<app>}), which
 * checks the password against Camunda's identity store outside Spring Security and so publishes no
 * authentication event. The form is read (bounded) for the claimed user name only, handed on
 * unchanged, and Camunda's answer decides the outcome: 200 logged in, 401 wrong credentials, 403
 * not allowed into that app.
 */
final class WebappLoginAudit extends OncePerRequestFilter {

  /** A login form is a user name and a password; anything longer is not read for the name. */
  private static final int MAX_FORM_BYTES = 8 * 1024;

  private final LoginAudit logins;

  WebappLoginAudit(LoginAudit logins) {
    this.logins = logins;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !request.getRequestURI().contains("/login/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] form;
    try (InputStream in = request.getInputStream()) {
      form = in.readNBytes(MAX_FORM_BYTES + 1);
    }
    String user = form.length > MAX_FORM_BYTES ? "(oversized form)" : username(form);
    String uri = request.getRequestURI();
    String app = uri.substring(uri.lastIndexOf('/') + 1);
    chain.doFilter(new CachedBodyRequest(request, form), response);
    // This filter runs before the request is exposed to AuditContext: pass the address along.
    logins.webapp(user, app, response.getStatus(), request.getRemoteAddr());
  }

  private static String username(byte[] form) {
    for (String pair : new String(form, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("username")) {
        try {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
          return pair.substring(eq + 1);
        }
      }
    }
    return "(no user name)";
  }
}
