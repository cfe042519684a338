package dev.bulwark.app.elasticsearch.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.AlertValidator;
import dev.bulwark.core.alert.DedupKeys;
import dev.bulwark.core.alert.EcsPath;
import dev.bulwark.core.alert.IncomingAlert;
import dev.bulwark.core.alert.Timestamps;
import dev.bulwark.core.alert.Violation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a document read from Elasticsearch into an alert for the journal. An Elastic Security alert
 * ({@code kibana.alert.*}) is given the ECS fields the rules read: {@code event.kind: alert}, its
 * rule as {@code rule.name}/{@code rule.id}, its risk score as {@code event.risk_score}, and the
 * time of the event that triggered it as {@code @timestamp} (correlation runs on event time). Every
 * other field, the entity fields included, passes through untouched, as does a raw ECS event.
 */
public final class SecurityAlertMapper {

  /**
   * Elastic Security's default risk score for each severity, used when a numeric one is missing.
   */
  private static final Map<String, Integer> SEVERITY_SCORES =
      Map.of("low", 21, "medium", 47, "high", 73, "critical", 99);

  private final AlertValidator validator = new AlertValidator();

  /**
   * @param index the index the document came from
   * @param id its {@code _id}
   * @throws RejectedDocumentException naming the fields when it is not a valid alert
   */
  public IncomingAlert map(String index, String id, ObjectNode source) {
    ObjectNode document = source.deepCopy();
    if (isSecurityAlert(document)) {
      normalise(document);
    }
    List<Violation> violations = validator.validate(0, document);
    if (!violations.isEmpty()) {
      throw new RejectedDocumentException(
          index,
          id,
          violations.stream()
              .map(v -> (v.field() == null ? "" : v.field() + " ") + v.message())
              .collect(Collectors.joining("; ")));
    }
    JsonNode eventId = EcsPath.get(document, "event.id");
    String dedupKey =
        eventId.isMissingNode() || eventId.isNull()
            // No id of its own: the document's place in Elasticsearch is what makes it unique.
            ? "es:" + index + "/" + id
            : DedupKeys.of(document);
    return new IncomingAlert(
        dedupKey, Timestamps.of(EcsPath.get(document, "@timestamp")), document);
  }

  static boolean isSecurityAlert(JsonNode document) {
    return !EcsPath.get(document, "kibana.alert.rule.name").isMissingNode()
        || !EcsPath.get(document, "kibana.alert.uuid").isMissingNode();
  }

  private static void normalise(ObjectNode document) {
    JsonNode alertTime = EcsPath.get(document, "@timestamp");
    JsonNode originalTime = EcsPath.get(document, "kibana.alert.original_time");
    if (isText(originalTime)) {
      if (EcsPath.get(document, "event.created").isMissingNode() && isText(alertTime)) {
        EcsFields.put(document, "event.created", alertTime);
      }
      EcsFields.put(document, "@timestamp", originalTime);
    }
    EcsFields.put(document, "event.kind", document.textNode("alert"));
    copy(document, "kibana.alert.uuid", "event.id");
    copy(document, "kibana.alert.rule.name", "rule.name");
    copy(document, "kibana.alert.rule.uuid", "rule.id");
    copy(document, "kibana.alert.rule.uuid", "rule.uuid");
    copy(document, "kibana.alert.rule.description", "rule.description");
    JsonNode risk = EcsPath.get(document, "kibana.alert.risk_score");
    JsonNode severity = EcsPath.get(document, "kibana.alert.severity");
    Integer severityScore =
        isText(severity) ? SEVERITY_SCORES.get(severity.asText().toLowerCase(Locale.ROOT)) : null;
    if (risk.isNumber()) {
      EcsFields.put(document, "event.risk_score", risk);
    } else if (risk.isMissingNode() && severityScore != null) {
      EcsFields.put(document, "event.risk_score", document.numberNode(severityScore));
    } else if (!risk.isMissingNode()) {
      // Not a number: let the validator name it under the field the rules read.
      EcsFields.put(document, "event.risk_score", risk);
    }
    if (severityScore != null && EcsPath.get(document, "event.severity").isMissingNode()) {
      EcsFields.put(document, "event.severity", document.numberNode(severityScore));
    }
  }

  private static void copy(ObjectNode document, String from, String to) {
    JsonNode value = EcsPath.get(document, from);
    if (!value.isMissingNode() && !value.isNull()) {
      EcsFields.put(document, to, value);
    }
  }

  private static boolean isText(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank();
  }
}
