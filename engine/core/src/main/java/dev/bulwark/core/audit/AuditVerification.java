package dev.bulwark.core.audit;

/**
 * The outcome of walking the chain: how many records were checked, the last good hash (to compare
 * with a copy kept elsewhere, which is what catches a truncated tail), and the first break.
 */
public record AuditVerification(
    boolean valid, long records, long headSeq, String headHash, Long brokenAt, String problem) {}
