package dev.bulwark.rules;

/**
 * One input-latency sample as {@link LatencyDay} keeps it: what a decision needs to point at the
 * journaled alert, built only when a rule fires.
 */
public record LatencySample(
    long seq,
    long timestamp,
    String userName,
    String hostName,
    String sourceIp,
    double durationNanos)
    implements EvidenceRecord {

  /** {@code event.duration} in nanoseconds. */
  public double getDurationNanos() {
    return durationNanos;
  }
}
