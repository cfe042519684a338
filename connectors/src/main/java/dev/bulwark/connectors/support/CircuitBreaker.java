package dev.bulwark.connectors.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Opens after a run of consecutive provider failures and refuses calls until a quiet period has
 * passed; then one trial call decides whether it closes again. Keeps a failing provider from being
 * hammered by every playbook at once.
 */
final class CircuitBreaker {

  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final Duration openFor;
  private final Clock clock;
  private int consecutiveFailures;
  private Instant openedAt;

  CircuitBreaker(int threshold, Duration openFor, Clock clock) {
    this.threshold = threshold;
    this.openFor = openFor;
    this.clock = clock;
  }

  synchronized State state() {
    if (openedAt == null) {
      return State.CLOSED;
    }
    return clock.instant().isBefore(openedAt.plus(openFor)) ? State.OPEN : State.HALF_OPEN;
  }

  /** True when a call may go out now. */
  synchronized boolean allows() {
    return state() != State.OPEN;
  }

  synchronized void recordSuccess() {
    consecutiveFailures = 0;
    openedAt = null;
  }

  synchronized void recordFailure() {
    consecutiveFailures++;
    if (consecutiveFailures >= threshold || openedAt != null) {
      // A failed trial in half-open re-opens at once.
      openedAt = clock.instant();
    }
  }

  synchronized Instant reopensAt() {
    return openedAt == null ? null : openedAt.plus(openFor);
  }
}
