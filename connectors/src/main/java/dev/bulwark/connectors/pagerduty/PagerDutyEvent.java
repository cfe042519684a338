package dev.bulwark.connectors.pagerduty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.connectors.notify.Notification;
import java.util.Locale;

/**
 * A {@link Notification} as an Events API v2 event: the summary is the headline, the entities,
 * signals with points and actions taken go into {@code custom_details} (shown on the alert), the
 * approve/reject links into {@code links}.
 */
final class PagerDutyEvent {

  /** The Events API cuts {@code payload.summary} at 1024 characters. */
  private static final int SUMMARY_MAX = 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private PagerDutyEvent() {}

  static ObjectNode trigger(
      String routingKey, String dedupKey, String source, Notification n, String incidentUrl) {
    ObjectNode event = base(routingKey, dedupKey, "trigger");
    String summary = "[" + n.severity() + "] " + n.subject() + " (" + n.incidentId() + ")";
    ObjectNode payload = event.putObject("payload");
    payload.put("summary", summary.length() <= SUMMARY_MAX ? summary : summary.substring(0, 1024));
    payload.put("source", source);
    payload.put("severity", severity(n.severity()));
    payload.put("component", n.entities().getOrDefault("host", ""));
    payload.put("group", n.incidentId());
    payload.put("class", "bulwark incident");
    ObjectNode details = payload.putObject("custom_details");
    details.put("incident", n.incidentId());
    details.put("title", n.title());
    details.putPOJO("entities", n.entities());
    details.putPOJO("signals", n.signalLabels());
    details.putPOJO("actions_taken", n.actionsTaken());
    if (!n.awaitingApproval().isEmpty()) {
      details.putPOJO("awaiting_approval", n.awaitingApproval());
    }
    ArrayNode links = event.putArray("links");
    if (n.hasApproval()) {
      links.addObject().put("href", n.approveUrl()).put("text", "Approve");
      links.addObject().put("href", n.rejectUrl()).put("text", "Reject");
    }
    if (incidentUrl != null) {
      event.put("client_url", incidentUrl);
      links.addObject().put("href", incidentUrl).put("text", "Incident " + n.incidentId());
    }
    return event;
  }

  static ObjectNode resolve(String routingKey, String dedupKey) {
    return base(routingKey, dedupKey, "resolve");
  }

  private static ObjectNode base(String routingKey, String dedupKey, String action) {
    ObjectNode event = JSON.createObjectNode();
    event.put("routing_key", routingKey);
    event.put("event_action", action);
    event.put("dedup_key", dedupKey);
    event.put("client", "Bulwark");
    return event;
  }

  /** Bulwark's severities onto the four PagerDuty accepts. */
  static String severity(String severity) {
    return switch (severity.toLowerCase(Locale.ROOT)) {
      case "critical" -> "critical";
      case "high" -> "error";
      case "medium" -> "warning";
      case "low", "info", "informational" -> "info";
      default -> "warning";
    };
  }
}
