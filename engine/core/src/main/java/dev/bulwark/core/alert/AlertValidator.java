package dev.bulwark.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an incoming document against the ECS fields the engine reads. Unknown fields are kept and
 * not checked: ECS is open, and custom fields must reach the rules untouched.
 */
public final class AlertValidator {

  /** The fields rules and playbooks rely on, with the JSON type ECS gives them. */
  private static final Map<String, EcsFieldType> KNOWN_FIELDS = new LinkedHashMap<>();

  static {
    KNOWN_FIELDS.put("event.id", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("event.kind", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("event.category", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("event.type", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("event.action", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("event.outcome", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("event.module", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("event.dataset", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("event.risk_score", EcsFieldType.NUMBER);
    KNOWN_FIELDS.put("event.severity", EcsFieldType.NUMBER);
    KNOWN_FIELDS.put("event.created", EcsFieldType.DATE);
    KNOWN_FIELDS.put("user.name", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("user.id", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("user.email", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("user.domain", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("host.name", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("host.id", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("host.ip", EcsFieldType.IP);
    KNOWN_FIELDS.put("source.ip", EcsFieldType.IP);
    KNOWN_FIELDS.put("source.port", EcsFieldType.NUMBER);
    KNOWN_FIELDS.put("source.as.number", EcsFieldType.NUMBER);
    KNOWN_FIELDS.put("source.as.organization.name", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("source.geo.country_iso_code", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("source.geo.location", EcsFieldType.OBJECT);
    KNOWN_FIELDS.put("destination.ip", EcsFieldType.IP);
    KNOWN_FIELDS.put("destination.port", EcsFieldType.NUMBER);
    KNOWN_FIELDS.put("rule.name", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("rule.id", EcsFieldType.KEYWORD);
    KNOWN_FIELDS.put("message", EcsFieldType.TEXT);
    KNOWN_FIELDS.put("tags", EcsFieldType.KEYWORD);
  }

  /** The problems of document number {@code index}; empty when it may be journaled. */
  public List<Violation> validate(int index, JsonNode document) {
    List<Violation> violations = new ArrayList<>();
    if (document == null || !document.isObject()) {
      String found = document == null ? "nothing" : EcsFieldType.describe(document);
      violations.add(new Violation(index, null, "must be a JSON object, got " + found));
      return violations;
    }
    JsonNode timestamp = EcsPath.get(document, "@timestamp");
    if (timestamp.isMissingNode() || timestamp.isNull()) {
      violations.add(new Violation(index, "@timestamp", "is required"));
    } else if (!EcsFieldType.DATE.accepts(timestamp)) {
      violations.add(
          new Violation(
              index,
              "@timestamp",
              "must be " + EcsFieldType.DATE.description() + ", got " + describeValue(timestamp)));
    }
    KNOWN_FIELDS.forEach(
        (field, type) -> {
          JsonNode value = EcsPath.get(document, field);
          if (!value.isMissingNode() && !value.isNull() && !type.accepts(value)) {
            violations.add(
                new Violation(
                    index,
                    field,
                    "must be " + type.description() + ", got " + describeValue(value)));
          }
        });
    return violations;
  }

  private static String describeValue(JsonNode value) {
    String type = EcsFieldType.describe(value);
    if (value.isValueNode()) {
      String text = value.asText();
      return type + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }
    return type;
  }
}
