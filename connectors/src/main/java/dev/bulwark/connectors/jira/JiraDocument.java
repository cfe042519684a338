package dev.bulwark.connectors.jira;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.connectors.notify.Notification;
import java.util.List;

/**
 * A {@link Notification} in Atlassian Document Format, the rich text Jira Cloud's REST API v3 takes
 * for descriptions and comments: the incident and severity, entities, signals with points, actions
 * taken as bullet lists, and approve/reject as links. Values are text nodes, so alert fields cannot
 * inject markup.
 */
final class JiraDocument {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JiraDocument() {}

  /** The summary: one line of at most 255 characters, as Jira requires. */
  static String summary(Notification n) {
    String summary =
        ("[Bulwark] " + n.severity() + ": " + n.subject() + " (" + n.incidentId() + ")")
            .replaceAll("\\s+", " ");
    return summary.length() <= 255 ? summary : summary.substring(0, 254) + "…";
  }

  /** The document; {@code lead} (e.g. "Update: rollback") opens it when not null. */
  static ObjectNode of(Notification n, String lead) {
    ObjectNode doc = JSON.createObjectNode().put("type", "doc").put("version", 1);
    ArrayNode content = doc.putArray("content");
    if (lead != null) {
      ArrayNode p = paragraph(content);
      text(p, lead).putArray("marks").addObject().put("type", "strong");
    }
    ArrayNode intro = paragraph(content);
    text(intro, "Incident ");
    text(intro, n.incidentId()).putArray("marks").addObject().put("type", "strong");
    text(intro, " · severity " + n.severity() + " · " + n.title());
    section(content, "Entities", n.entityLines(), "none recorded");
    section(content, "Signals", n.signalLabels(), "none");
    section(content, "Actions taken", n.actionsTaken(), "none");
    if (n.hasApproval()) {
      if (!n.awaitingApproval().isEmpty()) {
        section(content, "Awaiting approval", n.awaitingApproval(), "");
      }
      ArrayNode links = paragraph(content);
      link(links, "Approve", n.approveUrl());
      text(links, "  ");
      link(links, "Reject", n.rejectUrl());
    }
    return doc;
  }

  private static void section(ArrayNode content, String title, List<String> items, String none) {
    ObjectNode heading = content.addObject().put("type", "heading");
    heading.putObject("attrs").put("level", 3);
    text(heading.putArray("content"), title);
    if (items.isEmpty()) {
      text(paragraph(content), none);
      return;
    }
    ArrayNode list = content.addObject().put("type", "bulletList").putArray("content");
    for (String item : items) {
      ArrayNode itemContent = list.addObject().put("type", "listItem").putArray("content");
      text(paragraph(itemContent), item);
    }
  }

  private static ArrayNode paragraph(ArrayNode content) {
    return content.addObject().put("type", "paragraph").putArray("content");
  }

  private static ObjectNode text(ArrayNode content, String text) {
    // ADF refuses empty text nodes.
    return content.addObject().put("type", "text").put("text", text.isEmpty() ? "-" : text);
  }

  private static void link(ArrayNode content, String label, String href) {
    ObjectNode mark = text(content, label).putArray("marks").addObject().put("type", "link");
    mark.putObject("attrs").put("href", href);
  }
}
