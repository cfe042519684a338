package dev.bulwark.core.audit;

import java.util.Map;

/**
 * The append-only, hash-chained record of every state change. Implementations take who and from
 * where from the calling context; callers say what happened and to what.
 */
public interface AuditLog {

  /**
   * Records a state change. Inside a transaction the record commits (or rolls back) with it.
   *
   * @param action what happened, a dotted verb such as {@code incident.opened}
   * @param target what it happened to, such as an incident id
   * @param details anything else worth keeping; no secrets
   */
  void record(String action, String target, Map<String, ?> details);

  /**
   * Records a state change on behalf of someone other than the calling thread's user, such as the
   * analyst who completed an approval in the Camunda Tasklist.
   */
  default void recordAs(String actor, String action, String target, Map<String, ?> details) {
    record(action, target, details);
  }

  /** An audit log that keeps nothing, for tests of components that only need to call one. */
  AuditLog NONE = (action, target, details) -> {};
}
