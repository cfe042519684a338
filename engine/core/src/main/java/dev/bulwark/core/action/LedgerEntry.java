package dev.bulwark.core.action;

import java.time.Instant;

/** One line of the action ledger: what was asked, of whom, and how it ended. */
public record LedgerEntry(
    String idempotencyKey,
    String incidentId,
    ActionType type,
    String target,
    String provider,
    ActionStatus status,
    String detail,
    Instant at) {}
