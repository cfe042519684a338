package dev.bulwark.app.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as problem JSON, like every other error of the API. */
final class ProblemEntryPoints {

  static final AuthenticationEntryPoint UNAUTHORIZED =
      (request, response, e) ->
          ProblemResponses.write(
              response,
              HttpStatus.UNAUTHORIZED,
              "unauthenticated",
              "Authentication required",
              "log in with HTTP Basic or a bearer token, or send an intake key in X-API-Key"
                  + (e == null || e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));

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

  private ProblemEntryPoints() {}
}
