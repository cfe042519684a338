package dev.bulwark.connectors.support;

import java.time.Duration;

/**
 * The error policy of one route group.
 *
 * @param timeout how long one call to the provider may take
 * @param maxAttempts calls per action, the first included
 * @param initialBackoff wait before the second attempt; doubles each time, with jitter
 * @param maxBackoff the longest wait between attempts
 * @param maxRetryAfter the longest {@code Retry-After} honoured in place; a longer one surfaces as
 *     a retryable failure so the playbook's own retry cycle takes over instead of blocking a thread
 * @param circuitFailureThreshold consecutive provider failures that open the circuit
 * @param circuitOpenFor how long an open circuit refuses calls before it lets one through
 */
public record PolicySettings(
    Duration timeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    int circuitFailureThreshold,
    Duration circuitOpenFor) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(30);
  public static final int DEFAULT_CIRCUIT_FAILURE_THRESHOLD = 5;
  public static final Duration DEFAULT_CIRCUIT_OPEN_FOR = Duration.ofSeconds(30);

  public PolicySettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (circuitFailureThreshold < 1) {
      throw new IllegalArgumentException(
          "circuitFailureThreshold must be at least 1, got " + circuitFailureThreshold);
    }
  }

  public static PolicySettings defaults() {
    return new PolicySettings(
        DEFAULT_TIMEOUT,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_BACKOFF,
        DEFAULT_MAX_RETRY_AFTER,
        DEFAULT_CIRCUIT_FAILURE_THRESHOLD,
        DEFAULT_CIRCUIT_OPEN_FOR);
  }
}
