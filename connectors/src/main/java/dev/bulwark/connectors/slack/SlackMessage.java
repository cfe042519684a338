package dev.bulwark.connectors.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.connectors.notify.Notification;
import java.util.List;

/**
 * A {@link Notification} as a Block Kit message for {@code chat.postMessage}: a header, the
 * incident and severity, entities, signals with points, actions taken, and approve/reject as link
 * buttons. Alert fields are escaped for {@code mrkdwn} so they cannot forge links or mentions.
 */
final class SlackMessage {

  /** Block Kit limits: a header's text 150 characters, a section's text 3000. */
  private static final int HEADER_MAX = 150;

  private static final int SECTION_MAX = 3000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackMessage() {}

  static ObjectNode of(String channel, Notification n) {
    ObjectNode message = JSON.createObjectNode();
    message.put("channel", channel);
    // The notification text of clients that cannot show blocks (and of the push notification).
    message.put(
        "text", escape("[" + n.severity() + "] " + n.subject() + " (" + n.incidentId() + ")"));
    message.put("unfurl_links", false);
    ArrayNode blocks = message.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", cut(n.subject(), HEADER_MAX));
    section(
        blocks,
        "*Incident* "
            + escape(n.incidentId())
            + "  ·  *Severity* "
            + escape(n.severity())
            + "\n"
            + escape(n.title()));
    section(blocks, "*Entities*\n" + bullets(n.entityLines(), "none recorded"));
    section(blocks, "*Signals*\n" + bullets(n.signalLabels(), "none"));
    section(blocks, "*Actions taken*\n" + bullets(n.actionsTaken(), "none"));
    if (n.hasApproval()) {
      if (!n.awaitingApproval().isEmpty()) {
        section(blocks, "*Awaiting approval*\n" + bullets(n.awaitingApproval(), ""));
      }
      ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
      button(buttons, "Approve", "primary", n.approveUrl());
      button(buttons, "Reject", "danger", n.rejectUrl());
    }
    return message;
  }

  private static void section(ArrayNode blocks, String mrkdwn) {
    blocks
        .addObject()
        .put("type", "section")
        .putObject("text")
        .put("type", "mrkdwn")
        .put("text", cut(mrkdwn, SECTION_MAX));
  }

  private static void button(ArrayNode buttons, String label, String style, String url) {
    ObjectNode button = buttons.addObject().put("type", "button");
    button.putObject("text").put("type", "plain_text").put("text", label);
    button.put("style", style).put("url", url).put("action_id", label.toLowerCase());
  }

  private static String bullets(List<String> lines, String none) {
    if (lines.isEmpty()) {
      return "_" + none + "_";
    }
    StringBuilder out = new StringBuilder();
    lines.forEach(line -> out.append("• ").append(escape(line)).append('\n'));
    return out.toString().stripTrailing();
  }

  /** Slack's mrkdwn control characters (api.slack.com, "Formatting text for app surfaces"). */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
