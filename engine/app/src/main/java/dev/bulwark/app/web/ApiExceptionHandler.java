package dev.bulwark.app.web;

import dev.bulwark.core.alert.InvalidAlertsException;
import dev.bulwark.core.alert.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every API error as problem JSON; Spring's own (415, 405, ...) come through the base class. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidAlertsException.class)
  ProblemDetail invalidAlerts(InvalidAlertsException e) {
    ProblemDetail problem =
        switch (e.kind()) {
          case MALFORMED ->
              Problems.of(
                  HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", e.getMessage());
          case INVALID ->
              Problems.of(HttpStatus.BAD_REQUEST, "invalid-alert", "Invalid alert", e.getMessage());
          case EMPTY ->
              Problems.of(
                  HttpStatus.BAD_REQUEST, "empty-batch", "No alerts in request", e.getMessage());
          case TOO_MANY ->
              Problems.of(
                  HttpStatus.PAYLOAD_TOO_LARGE,
                  "batch-too-large",
                  "Too many alerts",
                  e.getMessage());
        };
    if (!e.violations().isEmpty()) {
      problem.setProperty("errors", errors(e.violations()));
    }
    problem.setProperty("committed", 0);
    return problem;
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ProblemDetail tooLarge(PayloadTooLargeException e) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.PAYLOAD_TOO_LARGE,
            "body-too-large",
            "Request body too large",
            e.getMessage());
    problem.setProperty("committed", 0);
    return problem;
  }

  @ExceptionHandler(TooManyRequestsException.class)
  org.springframework.http.ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e) {
    ProblemDetail problem =
        Problems.of(HttpStatus.TOO_MANY_REQUESTS, "backlog-full", "Engine busy", e.getMessage());
    problem.setProperty("committed", 0);
    return org.springframework.http.ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())))
        .body(problem);
  }

  /**
   * The database is unreachable or dropped the connection. If that happened during commit the
   * outcome is unknown to us too, so the advice is always to resend: stored alerts come back as
   * duplicates.
   */
  @ExceptionHandler({
    org.springframework.dao.DataAccessResourceFailureException.class,
    org.springframework.dao.TransientDataAccessException.class,
    org.springframework.dao.RecoverableDataAccessException.class,
    org.springframework.transaction.CannotCreateTransactionException.class,
    org.springframework.transaction.TransactionSystemException.class
  })
  org.springframework.http.ResponseEntity<ProblemDetail> storageUnavailable(Exception e) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.SERVICE_UNAVAILABLE,
            "storage-unavailable",
            "Database unavailable",
            "the database connection failed; resend the request (alerts already stored are"
                + " recognised as duplicates)");
    return org.springframework.http.ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "1")
        .body(problem);
  }

  @ExceptionHandler(RequestTimeoutException.class)
  ProblemDetail timeout(RequestTimeoutException e) {
    ProblemDetail problem =
        Problems.of(HttpStatus.REQUEST_TIMEOUT, "body-timeout", "Request too slow", e.getMessage());
    problem.setProperty("committed", 0);
    return problem;
  }

  @ExceptionHandler(UnsupportedMediaTypeException.class)
  ProblemDetail unsupported(UnsupportedMediaTypeException e) {
    return Problems.of(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        "Unsupported media type",
        e.getMessage());
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @ExceptionHandler(BadRequestException.class)
  ProblemDetail badRequest(BadRequestException e) {
    return Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", e.getMessage());
  }

  private static List<Map<String, Object>> errors(List<Violation> violations) {
    return violations.stream()
        .map(
            v -> {
              Map<String, Object> error = new LinkedHashMap<>();
              error.put("index", v.index());
              error.put("field", v.field());
              error.put("message", v.message());
              return error;
            })
        .toList();
  }
}
