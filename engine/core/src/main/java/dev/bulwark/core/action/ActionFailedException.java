package dev.bulwark.core.action;

/** A provider failed to act; the playbook's retry and escalation policy takes it from here. */
public class ActionFailedException extends RuntimeException {

  private final boolean retryable;

  public ActionFailedException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
