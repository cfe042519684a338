package dev.bulwark.core.action;

/** Where a ledger entry stands. */
public enum ActionStatus {
  /** Claimed, the provider is being called (or the node died while calling it). */
  PENDING,
  /** The provider confirmed it. */
  DONE,
  /** Simulate mode: recorded and shown, nothing outside was called. */
  SIMULATED,
  /** The provider failed; the playbook may retry. */
  FAILED,
  /** Nothing to act on (e.g. the incident names no host). */
  SKIPPED,
  /**
   * The target was already in the requested state before Bulwark acted (an account disabled by
   * someone else, a host already contained): nothing was changed, so a rollback must not undo it.
   */
  UNCHANGED
}
