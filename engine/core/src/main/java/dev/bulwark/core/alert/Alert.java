package dev.bulwark.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An alert or event as the journal holds it: its ECS document, the position the journal gave it,
 * and its event time. The accessors name the ECS fields the bundled rules read; any other field is
 * reachable through {@link #text(String)} and {@link #number(String)}.
 */
public final class Alert {

  private final long seq;
  private final Instant timestamp;
  private final ObjectNode document;
  private final Instant receivedAt;

  public Alert(long seq, Instant timestamp, ObjectNode document) {
    this(seq, timestamp, document, null);
  }

  /**
   * @param receivedAt when the journal committed it, or {@code null} when not known (tests,
   *     replays)
   */
  public Alert(long seq, Instant timestamp, ObjectNode document, Instant receivedAt) {
    this.seq = seq;
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    this.document = Objects.requireNonNull(document, "document");
    this.receivedAt = receivedAt;
  }

  /** The journal position: unique, increasing in the order alerts were committed. */
  public long seq() {
    return seq;
  }

  /** The event time ({@code @timestamp}), which correlation windows run on. */
  public Instant timestamp() {
    return timestamp;
  }

  /** When the journal committed the alert; {@code null} when not known. */
  public Instant receivedAt() {
    return receivedAt;
  }

  public ObjectNode document() {
    return document;
  }

  /** The field as text: a string, a number's digits, or the first element of an array. */
  public String text(String field) {
    JsonNode value = EcsPath.get(document, field);
    if (value.isArray()) {
      value = value.path(0);
    }
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  /** The field as a list of strings (a single keyword becomes a one-element list). */
  public List<String> texts(String field) {
    JsonNode value = EcsPath.get(document, field);
    List<String> texts = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(element -> texts.add(element.asText()));
    } else if (value.isValueNode() && !value.isNull()) {
      texts.add(value.asText());
    }
    return texts;
  }

  /** The field as a number, or {@code null} when absent or not numeric. */
  public Double number(String field) {
    JsonNode value = EcsPath.get(document, field);
    return value.isNumber() ? value.asDouble() : null;
  }

  public String eventId() {
    return text("event.id");
  }

  public String userName() {
    return text("user.name");
  }

  public String hostName() {
    return text("host.name");
  }

  public String sourceIp() {
    return text("source.ip");
  }

  /** A short human label: the SIEM rule name, the message, or the event action. */
  public String summary() {
    for (String field : List.of("rule.name", "kibana.alert.rule.name", "message", "event.action")) {
      String value = text(field);
      if (value != null) {
        return value;
      }
    }
    return "alert " + seq;
  }

  @Override
  public String toString() {
    return "Alert[" + seq + " @ " + timestamp + "]";
  }
}
