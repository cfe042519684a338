package dev.bulwark.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request carrying {@code X-Bulwark-Signature} is a signed webhook: its body is read (bounded),
 * checked, and passed on unchanged as {@code webhook:<source>} with the INTAKE role.
 */
final class WebhookSignatureFilter extends OncePerRequestFilter {

  static final String SIGNATURE = "X-Bulwark-Signature";
  static final String TIMESTAMP = "X-Bulwark-Timestamp";
  static final String SOURCE = "X-Bulwark-Source";

  private final WebhookSignatures signatures;
  private final long maxBodyBytes;
  private final ApplicationEventPublisher events;

  WebhookSignatureFilter(
      WebhookSignatures signatures, long maxBodyBytes, ApplicationEventPublisher events) {
    this.signatures = signatures;
    this.maxBodyBytes = maxBodyBytes;
    this.events = events;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String signature = request.getHeader(SIGNATURE);
    if (signature == null) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    }
    if (body.length > maxBodyBytes) {
      ProblemResponses.write(
          response,
          HttpStatus.PAYLOAD_TOO_LARGE,
          "body-too-large",
          "Request body too large",
          "the request body is larger than the limit of "
              + maxBodyBytes
              + " bytes (bulwark.intake.max-body-bytes); split it into smaller batches");
      return;
    }
    String source = request.getHeader(SOURCE);
    String refusal = signatures.refusal(source, request.getHeader(TIMESTAMP), signature, body);
    if (refusal != null) {
      events.publishEvent(
          new AuthenticationFailureBadCredentialsEvent(
              withDetails(
                  UsernamePasswordAuthenticationToken.unauthenticated("webhook:" + source, null),
                  request),
              new BadCredentialsException(refusal)));
      ProblemResponses.write(
          response, HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid signature", refusal);
      return;
    }
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            "webhook:" + source,
            null,
            List.of(new SimpleGrantedAuthority("ROLE_" + Roles.INTAKE))));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(new CachedBodyRequest(request, body), response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  /** The caller's address travels with the failure, as Spring Security's own filters send it. */
  private static UsernamePasswordAuthenticationToken withDetails(
      UsernamePasswordAuthenticationToken token, HttpServletRequest request) {
    token.setDetails(new WebAuthenticationDetails(request));
    return token;
  }
}
