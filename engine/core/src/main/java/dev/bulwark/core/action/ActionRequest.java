package dev.bulwark.core.action;

import java.util.Map;
import java.util.Objects;

/**
 * A request to act on one target for one incident.
 *
 * @param target the account, host or recipient acted on
 * @param parameters provider-specific inputs (reason, message text, ...)
 */
public record ActionRequest(
    String incidentId, ActionType type, String target, Map<String, Object> parameters) {

  public ActionRequest {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    parameters = Map.copyOf(parameters);
  }

  /**
   * The key that makes the action happen once: the same incident, action and target are never acted
   * on twice, whatever retries, restarts or second nodes do.
   */
  public String idempotencyKey() {
    return incidentId + ":" + type + ":" + target;
  }
}
