package dev.bulwark.core.risk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Deletes risk signals that no score can count any more: those older, by event time, than the risk
 * window plus a margin for alerts that arrive late. "Now" is the earlier of the clock and the
 * newest signal's event time, so a replay of a past week keeps the signals it is still adding up,
 * and a signal stamped in the future does not push the cut-off ahead of the clock.
 */
public final class RiskSignalPruner {

  private final RiskStore risks;
  private final Duration window;
  private final Duration margin;
  private final int batchSize;
  private final Clock clock;

  public RiskSignalPruner(
      RiskStore risks, RiskPolicy policy, Duration margin, int batchSize, Clock clock) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("prune batch size must be positive, got " + batchSize);
    }
    this.risks = risks;
    this.window = policy.window();
    this.margin = Objects.requireNonNull(margin, "margin");
    this.batchSize = batchSize;
    this.clock = clock;
  }

  /** The event time before which signals are deleted now, if there are signals at all. */
  public Optional<Instant> cutoff() {
    Instant now = clock.instant();
    return risks
        .newestEventTime()
        .map(newest -> newest.isBefore(now) ? newest : now)
        .map(frontier -> frontier.minus(window).minus(margin));
  }

  /** Deletes batch after batch until a batch comes back short; returns how many it deleted. */
  public long prune() {
    Instant cutoff = cutoff().orElse(null);
    if (cutoff == null) {
      return 0;
    }
    long total = 0;
    int deleted;
    do {
      deleted = risks.prune(cutoff, batchSize);
      total += deleted;
    } while (deleted == batchSize);
    return total;
  }
}
