package dev.bulwark.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.app.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Writes problem JSON from filters, which run before Spring MVC's exception handling. */
final class ProblemResponses {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ProblemResponses() {}

  static void write(
      HttpServletResponse response, HttpStatus status, String type, String title, String detail)
      throws IOException {
    write(response, status, type, title, detail, "Basic realm=\"bulwark\"");
  }

  /** As {@link #write}, with the challenge a 401 carries in {@code WWW-Authenticate}. */
  static void write(
      HttpServletResponse response,
      HttpStatus status,
      String type,
      String title,
      String detail,
      String challenge)
      throws IOException {
    ProblemDetail problem = Problems.of(status, type, title, detail);
    response.setStatus(status.value());
    response.setContentType("application/problem+json");
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", challenge);
    }
    MAPPER.writeValue(
        response.getOutputStream(),
        java.util.Map.of(
            "type", problem.getType().toString(),
            "title", problem.getTitle(),
            "status", problem.getStatus(),
            "detail", problem.getDetail()));
  }
}
