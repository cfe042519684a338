package dev.bulwark.core.action;

/** The containment and response actions a playbook can ask for, each with its inverse. */
public enum ActionType {
  DISABLE_ACCOUNT,
  ENABLE_ACCOUNT,
  REVOKE_SESSIONS,
  ISOLATE_HOST,
  RELEASE_HOST,
  REMOVE_MFA,
  NOTIFY,
  OPEN_TICKET,
  /** Snapshot the incident's alerts and the actions taken into the evidence store. */
  RECORD_EVIDENCE;

  /** The action that undoes this one, or {@code null} when nothing can undo it. */
  public ActionType inverse() {
    return switch (this) {
      case DISABLE_ACCOUNT -> ENABLE_ACCOUNT;
      case ENABLE_ACCOUNT -> DISABLE_ACCOUNT;
      case ISOLATE_HOST -> RELEASE_HOST;
      case RELEASE_HOST -> ISOLATE_HOST;
      case REVOKE_SESSIONS, REMOVE_MFA, NOTIFY, OPEN_TICKET, RECORD_EVIDENCE -> null;
    };
  }
}
