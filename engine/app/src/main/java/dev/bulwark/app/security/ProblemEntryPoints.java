package dev.bulwark.app.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as problem JSON, like every other error of the API. */
final class ProblemEntryPoints {

  static final AuthenticationEntryPoint UNAUTHORIZED =
      (request, response, e) -> {
        if (e instanceof OAuth2AuthenticationException oauth) {
          // RFC 6750 section 3: a refused bearer token is told why in the challenge (expired,
          // wrong issuer or audience, bad signature); the token itself is never echoed.
          OAuth2Error error = oauth.getError();
          ProblemResponses.write(
              response,
              HttpStatus.UNAUTHORIZED,
              "invalid-token",
              "Invalid bearer token",
              "the bearer token was refused: " + description(error),
              bearerChallenge(error));
          return;
        }
        ProblemResponses.write(
            response,
            HttpStatus.UNAUTHORIZED,
            "unauthenticated",
            "Authentication required",
            "log in with HTTP Basic or a bearer token, or send an intake key in X-API-Key"
                + (e == null || e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
      };

  static final AccessDeniedHandler FORBIDDEN =
      (request, response, e) ->
          ProblemResponses.write(
              response,
              HttpStatus.FORBIDDEN,
              "forbidden",
              "Not allowed",
              "your role does not allow "
                  + request.getMethod()
                  + " "
                  + request.getRequestURI()
                  + " (roles: ADMIN, ANALYST, VIEWER, INTAKE)");

  /** {@code Bearer error="invalid_token", error_description="..."}, quotes and controls removed. */
  static String bearerChallenge(OAuth2Error error) {
    return "Bearer realm=\"bulwark\", error=\""
        + quotable(error.getErrorCode())
        + "\", error_description=\""
        + quotable(description(error))
        + "\"";
  }

  private static String description(OAuth2Error error) {
    String description = error.getDescription();
    return description == null || description.isBlank() ? error.getErrorCode() : description;
  }

  private static String quotable(String value) {
    String plain = value.replaceAll("[\"\\\\\\p{Cntrl}]", "'");
    return plain.length() <= 300 ? plain : plain.substring(0, 299) + "…";
  }

  private ProblemEntryPoints() {}
}
