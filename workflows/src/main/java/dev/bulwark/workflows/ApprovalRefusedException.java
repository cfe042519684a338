package dev.bulwark.workflows;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A decision the approval rules do not allow (the requester approving, the contained identity
 * deciding, nobody signed in). The task stays open; nothing is recorded.
 */
public final class ApprovalRefusedException extends ProcessEngineException {

  public ApprovalRefusedException(String message) {
    super(message);
  }

  /** The refusal somewhere in a cause chain (Camunda wraps listener exceptions), if any. */
  public static java.util.Optional<ApprovalRefusedException> in(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ApprovalRefusedException refused) {
        return java.util.Optional.of(refused);
      }
    }
    return java.util.Optional.empty();
  }
}
