package dev.bulwark.connectors.notify;

import dev.bulwark.core.action.ActionRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every channel tells: the incident, its entities and signals, the actions already taken, and
 * where to approve or reject the next one. Read from the NOTIFY request's parameters: {@code
 * reason} (the incident title), {@code severity}, {@code entities} (a map), {@code signals} and
 * {@code actionsTaken} (lists), {@code approveUrl}/{@code rejectUrl} or {@code approvalTaskId}.
 */
public record Notification(
    String incidentId,
    String title,
    String severity,
    Map<String, String> entities,
    List<String> signals,
    List<String> actionsTaken,
    String approveUrl,
    String rejectUrl) {

  /** Builds the notification; {@code linksBaseUrl} turns an approval task id into links. */
  public static Notification from(ActionRequest request, String linksBaseUrl) {
    Map<String, Object> p = request.parameters();
    String approve = text(p.get("approveUrl"));
    String reject = text(p.get("rejectUrl"));
    String task = text(p.get("approvalTaskId"));
    if (approve.isEmpty() && !task.isEmpty() && linksBaseUrl != null && !linksBaseUrl.isBlank()) {
      String base = linksBaseUrl.replaceAll("/+$", "") + "/api/v1/approvals/" + task;
      approve = base + "?decision=approve";
      reject = base + "?decision=reject";
    }
    String title = text(p.get("reason"));
    return new Notification(
        request.incidentId(),
        title.isEmpty() ? "Incident " + request.incidentId() : title,
        text(p.getOrDefault("severity", "unknown")),
        entities(p.get("entities")),
        list(p.get("signals")),
        list(p.get("actionsTaken")),
        approve,
        reject);
  }

  public boolean hasApproval() {
    return !approveUrl.isEmpty();
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

  private static List<String> list(Object value) {
    List<String> items = new ArrayList<>();
    if (value instanceof Iterable<?> iterable) {
      iterable.forEach(item -> items.add(String.valueOf(item)));
    } else if (value != null && !value.toString().isBlank()) {
      items.add(value.toString());
    }
    return items;
  }
}
