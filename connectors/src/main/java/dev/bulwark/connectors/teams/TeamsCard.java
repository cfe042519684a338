package dev.bulwark.connectors.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.connectors.notify.Notification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Notification} as an Adaptive Card (schema 1.4, what Teams renders) wrapped in the {@code
 * message} envelope both Workflows webhooks and legacy incoming webhooks accept: the headline,
 * incident and severity as facts, entities as facts, signals with points and actions taken as
 * lists, approve/reject as {@code Action.OpenUrl}.
 */
final class TeamsCard {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TeamsCard() {}

  static ObjectNode message(Notification n) {
    ObjectNode message = JSON.createObjectNode().put("type", "message");
    ObjectNode attachment = message.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard").put("version", "1.4");
    // Teams shows this where the card cannot be rendered (notifications, the activity feed).
    card.put(
        "fallbackText",
        plain("[" + n.severity() + "] " + n.subject() + " (" + n.incidentId() + ")"));
    ArrayNode body = card.putArray("body");
    body.addObject()
        .put("type", "TextBlock")
        .put("text", plain(n.subject()))
        .put("size", "Large")
        .put("weight", "Bolder")
        .put("wrap", true);
    Map<String, String> incident = new LinkedHashMap<>();
    incident.put("Incident", n.incidentId());
    incident.put("Severity", n.severity());
    incident.put("Title", n.title());
    facts(body, incident);
    heading(body, "Entities");
    if (n.entities().isEmpty()) {
      text(body, "none recorded");
    } else {
      facts(body, n.entities());
    }
    heading(body, "Signals");
    text(body, bullets(n.signalLabels(), "none"));
    heading(body, "Actions taken");
    text(body, bullets(n.actionsTaken(), "none"));
    if (n.hasApproval()) {
      if (!n.awaitingApproval().isEmpty()) {
        heading(body, "Awaiting approval");
        text(body, bullets(n.awaitingApproval(), ""));
      }
      ArrayNode actions = card.putArray("actions");
      open(actions, "Approve", n.approveUrl(), "positive");
      open(actions, "Reject", n.rejectUrl(), "destructive");
    }
    return message;
  }

  private static void heading(ArrayNode body, String text) {
    body.addObject()
        .put("type", "TextBlock")
        .put("text", text)
        .put("weight", "Bolder")
        .put("separator", true)
        .put("wrap", true);
  }

  private static void text(ArrayNode body, String text) {
    body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
  }

  private static void facts(ArrayNode body, Map<String, String> facts) {
    ArrayNode set = body.addObject().put("type", "FactSet").putArray("facts");
    facts.forEach((k, v) -> set.addObject().put("title", plain(k)).put("value", plain(v)));
  }

  private static void open(ArrayNode actions, String title, String url, String style) {
    actions
        .addObject()
        .put("type", "Action.OpenUrl")
        .put("title", title)
        .put("url", url)
        .put("style", style);
  }

  /**
   * TextBlocks and facts render a markdown subset; a zero-width space between {@code ]} and {@code
   * (} keeps an alert field's {@code [text](url)} from becoming a link someone clicks.
   */
  static String plain(String text) {
    return text.replace("](", "]\u200B(");
  }

  private static String bullets(List<String> lines, String none) {
    if (lines.isEmpty()) {
      return none;
    }
    StringBuilder out = new StringBuilder();
    // A markdown list: the one line-break form TextBlock renders the same on every Teams client.
    lines.forEach(line -> out.append("- ").append(plain(line)).append('\n'));
    return out.toString().stripTrailing();
  }
}
