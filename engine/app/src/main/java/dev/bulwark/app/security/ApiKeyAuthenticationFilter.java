package dev.bulwark.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Machines present an intake key in {@code X-API-Key}. A known, live key authenticates the request
 * as {@code key:<source>} with the INTAKE role; any other key is answered 401 at once, so a typo is
 * not mistaken for anonymous access.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  static final String HEADER = "X-API-Key";

  private final ApiKeyStore keys;

  ApiKeyAuthenticationFilter(ApiKeyStore keys) {
    this.keys = keys;
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
}
