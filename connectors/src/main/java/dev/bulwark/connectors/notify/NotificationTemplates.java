package dev.bulwark.connectors.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Notification} with one template per channel and format ({@code email.html},
 * {@code email.txt}, ...) from {@code dev/bulwark/connectors/notify/}. Placeholders are {@code
 * {{name}}}; every value is escaped for the format, so an attacker-controlled alert field cannot
 * inject markup into the e-mail.
 */
public final class NotificationTemplates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

  private NotificationTemplates() {}

  /** The template rendered, e.g. {@code render("email.html", n)}. */
  public static String render(String template, Notification n) {
    boolean html = template.endsWith(".html");
    UnaryOperator<String> escape = html ? NotificationTemplates::html : s -> s;
    Map<String, String> values =
        Map.of(
            "incidentId", escape.apply(n.incidentId()),
            "title", escape.apply(n.title()),
            "subject", escape.apply(n.subject()),
            "severity", escape.apply(n.severity()),
            "entities", entities(n.entities(), html, escape),
            "signals", items(n.signalLabels(), html, escape),
            "actionsTaken", items(n.actionsTaken(), html, escape),
            "approval", approval(n, html, escape));
    Matcher matcher = PLACEHOLDER.matcher(load(template));
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException(
            "template " + template + " uses unknown placeholder {{" + matcher.group(1) + "}}");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String entities(
      Map<String, String> entities, boolean html, UnaryOperator<String> escape) {
    if (entities.isEmpty()) {
      return html ? "<p>none recorded</p>" : "  none recorded";
    }
    StringBuilder out = new StringBuilder(html ? "<table>" : "");
    entities.forEach(
        (k, v) ->
            out.append(
                html
                    ? "<tr><th align=\"left\">"
                        + escape.apply(k)
                        + "</th><td>"
                        + escape.apply(v)
                        + "</td></tr>"
                    : "  " + k + ": " + v + "\n"));
    return html ? out.append("</table>").toString() : out.toString().stripTrailing();
  }

  private static String items(List<String> items, boolean html, UnaryOperator<String> escape) {
    if (items.isEmpty()) {
      return html ? "<p>none</p>" : "  none";
    }
    StringBuilder out = new StringBuilder(html ? "<ul>" : "");
    items.forEach(
        item -> out.append(html ? "<li>" + escape.apply(item) + "</li>" : "  - " + item + "\n"));
    return html ? out.append("</ul>").toString() : out.toString().stripTrailing();
  }

  private static String approval(Notification n, boolean html, UnaryOperator<String> escape) {
    if (!n.hasApproval()) {
      return "";
    }
    String awaiting =
        n.awaitingApproval().isEmpty()
            ? ""
            : (html ? "<p>Awaiting approval: " : "Awaiting approval: ")
                + escape.apply(String.join(", ", n.awaitingApproval()))
                + (html ? "</p>" : "\n");
    return awaiting
        + (html
            ? "<p><a href=\""
                + escape.apply(n.approveUrl())
                + "\">Approve</a> &nbsp; <a href=\""
                + escape.apply(n.rejectUrl())
                + "\">Reject</a></p>"
            : "Approve: " + n.approveUrl() + "\nReject:  " + n.rejectUrl());
  }

  private static String load(String template) {
    try (InputStream in = NotificationTemplates.class.getResourceAsStream(template)) {
      if (in == null) {
        throw new IllegalArgumentException("no notification template " + template);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String html(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
