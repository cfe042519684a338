package dev.bulwark.app.incident;

import dev.bulwark.app.web.BadRequestException;
import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.Severity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Reads the query parameters of the incident list, naming the parameter when one is wrong. */
final class IncidentQueries {

  private static final int MAX_TEXT = 500;

  private IncidentQueries() {}

  static IncidentQuery parse(
      String q,
      List<String> status,
      List<String> severity,
      String from,
      String to,
      int page,
      int size) {
    if (q != null && q.length() > MAX_TEXT) {
      throw new BadRequestException("q is at most " + MAX_TEXT + " characters; got " + q.length());
    }
    Instant fromTime = time("from", from);
    Instant toTime = time("to", to);
    if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
      throw new BadRequestException("from must be before to; got from=" + from + ", to=" + to);
    }
    return new IncidentQuery(
        q,
        values("status", status, IncidentQueries::status),
        values("severity", severity, Severity::parse),
        fromTime,
        toTime,
        page,
        size);
  }

  private static IncidentStatus status(String text) {
    try {
      return IncidentStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "must be one of open, contained, closed, false_positive; got " + text, e);
    }
  }

  /** Repeated parameters and comma-separated values both work: {@code status=open,closed}. */
  private static <T> List<T> values(String name, List<String> raw, Function<String, T> parse) {
    List<T> parsed = new ArrayList<>();
    if (raw == null) {
      return parsed;
    }
    for (String value : raw.stream().flatMap(v -> Arrays.stream(v.split(","))).toList()) {
      if (value.isBlank()) {
        continue;
      }
      try {
        parsed.add(parse.apply(value));
      } catch (IllegalArgumentException e) {
        String message = e.getMessage();
        throw new BadRequestException(message.startsWith(name) ? message : name + " " + message);
      }
    }
    return parsed;
  }

  private static Instant time(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          name + " must be an ISO-8601 instant such as 2026-11-27T10:00:00Z; got " + text);
    }
  }
}
