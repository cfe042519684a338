package dev.bulwark.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Machines present an intake key in {@code X-API-Key}. A known, live key authenticates the request
 * as {@code key:<source>} with the INTAKE role; any other key is answered 401 at once, so a typo is
 * not mistaken for anonymous access.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  static final String HEADER = "X-API-Key";

  private final ApiKeyStore keys;
  private final ApplicationEventPublisher events;

  ApiKeyAuthenticationFilter(ApiKeyStore keys, ApplicationEventPublisher events) {
    this.keys = keys;
    this.events = events;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(HEADER);
    if (presented == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiKeyStore.ApiKey> key;
    try {
      key = keys.authenticate(presented.strip());
    } catch (DataAccessException databaseDown) {
      // Filters run before the API's error handling: answer as it would, so senders retry.
      response.setHeader("Retry-After", "1");
      ProblemResponses.write(
          response,
          HttpStatus.SERVICE_UNAVAILABLE,
          "storage-unavailable",
          "Database unavailable",
          "the database connection failed; resend the request (alerts already stored are"
              + " recognised as duplicates)");
      return;
    }
    if (key.isEmpty()) {
      // The audit gets a short fingerprint of the wrong key, never the key: it may be a typo of a
      // real one.
      events.publishEvent(
          new AuthenticationFailureBadCredentialsEvent(
              withDetails(
                  UsernamePasswordAuthenticationToken.unauthenticated(
                      "api-key:" + fingerprint(presented.strip()), null),
                  request),
              new BadCredentialsException("unknown or revoked intake key")));
      ProblemResponses.write(
          response,
          HttpStatus.UNAUTHORIZED,
          "invalid-api-key",
          "Invalid API key",
          "the key in " + HEADER + " is unknown or revoked");
      return;
    }
    var authentication =
        UsernamePasswordAuthenticationToken.authenticated(
            "key:" + key.get().source(),
            null,
            List.of(new SimpleGrantedAuthority("ROLE_" + Roles.INTAKE)));
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  /** The first 8 hex digits of the SHA-256 of a presented key: enough to tell repeats apart. */
  static String fingerprint(String presented) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(presented.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The caller's address travels with the failure, as Spring Security's own filters send it. */
  private static UsernamePasswordAuthenticationToken withDetails(
      UsernamePasswordAuthenticationToken token, HttpServletRequest request) {
    token.setDetails(new WebAuthenticationDetails(request));
    return token;
  }
}
