package dev.bulwark.core.action;

/** The port playbooks call to act on the outside world. */
public interface ResponseActions {

  /**
   * Performs the action once: a second call with the same idempotency key reports the first result
   * and does not act again.
   */
  ActionResult perform(ActionRequest request);
}
