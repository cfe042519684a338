package dev.bulwark.core.action;

/**
 * An outside system that performs actions (an identity provider, an EDR, a mail server), or the
 * simulator that stands in for them. Implementations must be safe to call again for the same
 * request: a node can die after acting and before recording it.
 */
public interface ActionProvider {

  /** The provider's name as it appears in the ledger, e.g. {@code keycloak} or {@code simulate}. */
  String name(ActionType type);

  /** Performs the action; throws {@link ActionFailedException} when the provider failed. */
  ActionResult perform(ActionRequest request);

  /**
   * Asks the target whether this request (by its idempotency key) was already carried out, e.g. by
   * a node that died before it could record the outcome. Called only for ledger entries left
   * PENDING. A provider that cannot tell returns empty, and the action is performed again (which a
   * provider must then tolerate: disabling a disabled account changes nothing).
   */
  default java.util.Optional<ActionResult> lookup(ActionRequest request) {
    return java.util.Optional.empty();
  }
}
