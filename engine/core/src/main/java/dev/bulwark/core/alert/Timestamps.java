package dev.bulwark.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses the timestamps ECS producers write: ISO-8601 with offset or Z, or epoch milliseconds. */
public final class Timestamps {

  private Timestamps() {}

  /** The instant, or {@code null} when the text is not an ISO-8601 timestamp. */
  public static Instant parse(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notUtc) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException notOffset) {
        return null;
      }
    }
  }

  /** The instant of a JSON value: a timestamp string or epoch milliseconds; else {@code null}. */
  public static Instant of(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      return parse(value.asText());
    }
    if (value.isIntegralNumber()) {
      return Instant.ofEpochMilli(value.asLong());
    }
    return null;
  }
}
