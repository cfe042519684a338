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
}
