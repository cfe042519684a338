package dev.bulwark.core.risk;

import java.time.Duration;
import java.util.Objects;

/**
 * How risk adds up.
 *
 * @param window how far back in event time an entity's signals count (default 7 days)
 * @param threshold the points at which an identity gets an incident
 * @param suppression how long after a containment the same identity is not contained again
 */
public record RiskPolicy(Duration window, int threshold, Duration suppression) {

  public static final RiskPolicy DEFAULT =
      new RiskPolicy(Duration.ofDays(7), 100, Duration.ofDays(7));

  public RiskPolicy {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(suppression, "suppression");
    if (threshold <= 0) {
      throw new IllegalArgumentException("risk threshold must be positive, got " + threshold);
    }
  }
}
