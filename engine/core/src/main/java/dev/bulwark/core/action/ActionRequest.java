package dev.bulwark.core.action;

import java.util.Map;
import java.util.Objects;

/**
 * A request to act on one target for one incident.
 *
 * @param target the account, host or recipient acted on
 * @param parameters provider-specific inputs (reason, message text, ...)
 * @param occasion why an action that may rightly happen more than once per incident and target
 *     happens this time (e.g. {@code rollback} for the notification that containment was undone);
 *     {@code null} for containment actions, which happen once
 */
public record ActionRequest(
    String incidentId,
    ActionType type,
    String target,
    Map<String, Object> parameters,
    String occasion) {

  public ActionRequest {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    parameters = Map.copyOf(parameters);
  }

  /** A containment action: one per incident, action and target. */
  public ActionRequest(
      String incidentId, ActionType type, String target, Map<String, Object> parameters) {
    this(incidentId, type, target, parameters, null);
  }

  /**
   * The key that makes the action happen once: the same incident, action and target (and occasion,
   * when there is one) are never acted on twice, whatever retries, restarts or second nodes do.
   */
  public String idempotencyKey() {
    String key = incidentId + ":" + type + ":" + target;
    return occasion == null ? key : key + ":" + occasion;
  }
}
