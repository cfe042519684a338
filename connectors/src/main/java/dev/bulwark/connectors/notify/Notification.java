package dev.bulwark.connectors.notify;

import dev.bulwark.core.action.ActionRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every channel tells: the incident, its entities and signals (with their risk points), the
 * actions already taken or awaiting approval, and where to approve or reject. Read from the NOTIFY
 * request's parameters: {@code reason} (the incident title), {@code subject}, {@code severity},
 * {@code entities} (a map), {@code signals} (a list of texts or of {@code {name, points}} maps),
 * {@code actionsTaken} and {@code actions} (lists or comma-separated), {@code approveUrl}/{@code
 * rejectUrl} (or {@code approveLink}/{@code rejectLink}, as the approval notifier sends them) or
 * {@code approvalTaskId}. Every channel (e-mail, Slack, Teams, PagerDuty, Jira, webhook) renders
 * this one model, so they all say the same.
 *
 * @param subject the headline: the {@code subject} parameter, else the title
 * @param occasion why this notification is sent again (e.g. {@code rollback}); empty for the first
 * @param idempotencyKey the request's key, for providers that de-duplicate on their side
 */
public record Notification(
    String incidentId,
    String title,
    String subject,
    String severity,
    Map<String, String> entities,
    List<Signal> signals,
    List<String> actionsTaken,
    List<String> awaitingApproval,
    String approveUrl,
    String rejectUrl,
    String occasion,
    String idempotencyKey) {

  /** One contributing signal; {@code points} is null when the alert gave none. */
  public record Signal(String name, Integer points) {

    /** {@code name (+points)}, or the name alone. */
    public String label() {
      return points == null ? name : name + " (+" + points + ")";
    }
  }

  /** Builds the notification; {@code linksBaseUrl} turns an approval task id into links. */
  public static Notification from(ActionRequest request, String linksBaseUrl) {
    Map<String, Object> p = request.parameters();
    String approve = first(p, "approveUrl", "approveLink");
    String reject = first(p, "rejectUrl", "rejectLink");
    String task = text(p.get("approvalTaskId"));
    if (approve.isEmpty() && !task.isEmpty() && linksBaseUrl != null && !linksBaseUrl.isBlank()) {
      String base = linksBaseUrl.replaceAll("/+$", "") + "/api/v1/approvals/" + task;
      approve = base + "?decision=approve";
      reject = base + "?decision=reject";
    }
    String title = first(p, "reason", "subject");
    title = title.isEmpty() ? "Incident " + request.incidentId() : title;
    String subject = text(p.get("subject"));
    return new Notification(
        request.incidentId(),
        title,
        subject.isEmpty() ? title : subject,
        text(p.getOrDefault("severity", "unknown")),
        entities(p.get("entities")),
        signals(p.get("signals")),
        list(p.get("actionsTaken")),
        list(p.get("actions")),
        approve,
        reject,
        request.occasion() == null ? "" : request.occasion(),
        request.idempotencyKey());
  }

  public boolean hasApproval() {
    return !approveUrl.isEmpty();
  }

  /** The signals as {@code name (+points)} lines. */
  public List<String> signalLabels() {
    return signals.stream().map(Signal::label).toList();
  }

  /** The entities as {@code kind: value} lines. */
  public List<String> entityLines() {
    return entities.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
  }

  private static String first(Map<String, Object> p, String name, String alias) {
    String value = text(p.get(name));
    return value.isEmpty() ? text(p.get(alias)) : value;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static Map<String, String> entities(Object value) {
    Map<String, String> entities = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> entities.put(String.valueOf(k), String.valueOf(v)));
    }
    return entities;
  }

  private static List<Signal> signals(Object value) {
    List<Signal> signals = new ArrayList<>();
    if (value instanceof Iterable<?> iterable) {
      iterable.forEach(item -> signals.add(signal(item)));
    } else if (value != null && !value.toString().isBlank()) {
      signals.add(signal(value));
    }
    return signals;
  }

  /** A text, or a map with {@code name} (or {@code ruleName}) and {@code points}. */
  private static Signal signal(Object item) {
    if (item instanceof Map<?, ?> map) {
      Object name = map.get("name") != null ? map.get("name") : map.get("ruleName");
      Object points = map.get("points");
      return new Signal(
          String.valueOf(name),
          points instanceof Number n ? Integer.valueOf(n.intValue()) : parse(points));
    }
    return new Signal(String.valueOf(item), null);
  }

  private static Integer parse(Object points) {
    try {
      return points == null ? null : Integer.valueOf(points.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static List<String> list(Object value) {
    List<String> items = new ArrayList<>();
    if (value instanceof Iterable<?> iterable) {
      iterable.forEach(item -> items.add(String.valueOf(item)));
    } else if (value != null && !value.toString().isBlank()) {
      for (String item : value.toString().split(",")) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
    }
    return items;
  }
}
