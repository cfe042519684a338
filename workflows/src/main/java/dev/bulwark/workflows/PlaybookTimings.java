package dev.bulwark.workflows;

import java.time.Duration;

/**
 * How long a playbook waits before escalating an approval, before applying the policy's default,
 * and how long a containment can still be rolled back. A launch may override each with a process
 * variable of the same name (an ISO-8601 duration such as {@code PT1H}).
 */
public record PlaybookTimings(
    Duration escalateAfter, Duration decideWithin, Duration rollbackWindow) {

  public static PlaybookTimings defaults() {
    return new PlaybookTimings(Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(30));
  }

  public PlaybookTimings {
    if (notPositive(escalateAfter) || notPositive(decideWithin) || notPositive(rollbackWindow)) {
      throw new IllegalArgumentException("playbook timings must be positive durations");
    }
    if (decideWithin.compareTo(escalateAfter) <= 0) {
      throw new IllegalArgumentException(
          "decide-within ("
              + decideWithin
              + ") must be longer than escalate-after ("
              + escalateAfter
              + "), or the approval is never escalated");
    }
  }

  private static boolean notPositive(Duration duration) {
    return duration.isNegative() || duration.isZero();
  }
}
