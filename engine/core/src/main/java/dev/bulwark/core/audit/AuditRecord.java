package dev.bulwark.core.audit;

import java.time.Instant;

/**
 * One audit record as stored: its position, content, the hash of the record before it and its own
 * hash over both.
 */
public record AuditRecord(
    long seq,
    Instant at,
    String actor,
    String action,
    String target,
    String origin,
    String details,
    String previousHash,
    String hash) {}
