package dev.bulwark.rules;

import java.time.Instant;
import java.util.Random;

/**
 * Event times as sources deliver them: mostly moving forward by a random gap, now and then one that
 * arrives up to 30 hours late (past a day-long window) and now and then one at exactly the time of
 * the event before.
 */
final class ArrivalClock {

  private static final int MOST_LATE_SECONDS = 30 * 3600;

  private final Random random;
  private final int leastGapSeconds;
  private final int mostGapSeconds;
  private final int lateOneIn;
  private final int tiedOneIn;
  private Instant clock;
  private Instant previous;

  /**
   * @param lateOneIn one event in this many arrives late
   * @param tiedOneIn one in this many of the others shares the previous event's time
   */
  ArrivalClock(
      Random random,
      Instant start,
      int leastGapSeconds,
      int mostGapSeconds,
      int lateOneIn,
      int tiedOneIn) {
    this.random = random;
    this.leastGapSeconds = leastGapSeconds;
    this.mostGapSeconds = mostGapSeconds;
    this.lateOneIn = lateOneIn;
    this.tiedOneIn = tiedOneIn;
    this.clock = start;
    this.previous = start;
  }

  /** The time of the next event to arrive. */
  Instant next() {
    clock = clock.plusSeconds(leastGapSeconds + random.nextInt(mostGapSeconds - leastGapSeconds));
    Instant at = clock;
    if (random.nextInt(lateOneIn) == 0) {
      at = clock.minusSeconds(random.nextInt(MOST_LATE_SECONDS));
    } else if (random.nextInt(tiedOneIn) == 0) {
      at = previous;
    }
    previous = at;
    return at;
  }
}
