package dev.bulwark.app.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keeps a password guesser from filling the audit trail. The first failure of a kind (same way in,
 * same claimed name, same address) in a window is recorded; the identical ones after it in that
 * window are only counted, and the count is recorded once the window closes. One address gets a
 * limited number of distinct names per window (a credential-stuffing run tries thousands), after
 * which its failures are counted under one entry; and the number of entries tracked is bounded, so
 * a spray from many addresses costs memory no more than it costs audit rows.
 */
final class FailureThrottle {

  /** What makes two failures "the same". */
  record Failure(String method, String claimed, String origin) {}

  /** Failures counted and not recorded one by one, between {@code from} and {@code until}. */
  record Repeats(Failure failure, long count, Instant from, Instant until) {}

  /** Record this failure now ({@code record}), and with it any repeats of an earlier window. */
  record Decision(boolean record, Failure as, Repeats earlier) {}

  static final String MANY_NAMES = "(many names)";
  static final String TOO_MANY = "(too many to track)";

  private final Duration window;
  private final int namesPerOrigin;
  private final int maxTracked;
  private final Clock clock;
  private final Map<Failure, Entry> entries = new HashMap<>();
  private final Map<String, OriginBudget> origins = new HashMap<>();

  FailureThrottle(Duration window, int namesPerOrigin, int maxTracked, Clock clock) {
    this.window = window;
    this.namesPerOrigin = namesPerOrigin;
    this.maxTracked = maxTracked;
    this.clock = clock;
  }

  synchronized Decision offer(Failure failure) {
    Instant now = clock.instant();
    Failure key = budgeted(failure, now);
    Entry entry = entries.get(key);
    if (entry != null && now.isBefore(entry.start.plus(window))) {
      entry.count(now);
      return new Decision(false, key, null);
    }
    Repeats earlier = entry == null ? null : entry.repeats(key);
    if (entry == null && entries.size() >= maxTracked) {
      key = new Failure("*", TOO_MANY, "*");
      entry = entries.get(key);
      if (entry != null && now.isBefore(entry.start.plus(window))) {
        entry.count(now);
        return new Decision(false, key, null);
      }
      earlier = entry == null ? null : entry.repeats(key);
    }
    entries.put(key, new Entry(now));
    return new Decision(true, key, earlier);
  }

  /** Forgets closed windows; returns those that counted repeats, so that they get recorded. */
  synchronized List<Repeats> sweep() {
    return sweep(clock.instant());
  }

  /** Closes every window now (at shutdown): no count is left only in memory. */
  synchronized List<Repeats> drain() {
    return sweep(Instant.MAX.minus(window));
  }

  private List<Repeats> sweep(Instant now) {
    List<Repeats> closed = new ArrayList<>();
    for (Iterator<Map.Entry<Failure, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Failure, Entry> e = it.next();
      if (!now.isBefore(e.getValue().start.plus(window))) {
        Repeats repeats = e.getValue().repeats(e.getKey());
        if (repeats != null) {
          closed.add(repeats);
        }
        it.remove();
      }
    }
    origins.values().removeIf(o -> !now.isBefore(o.start.plus(window)));
    return closed;
  }

  /** The failure itself, or its address's catch-all once the address has used up its names. */
  private Failure budgeted(Failure failure, Instant now) {
    if (entries.containsKey(failure)) {
      return failure;
    }
    OriginBudget budget = origins.get(failure.origin());
    if (budget == null || !now.isBefore(budget.start.plus(window))) {
      if (budget == null && origins.size() >= maxTracked) {
        return failure;
      }
      budget = new OriginBudget(now);
      origins.put(failure.origin(), budget);
    }
    if (budget.names >= namesPerOrigin) {
      return new Failure(failure.method(), MANY_NAMES, failure.origin());
    }
    budget.names++;
    return failure;
  }

  private static final class Entry {
    final Instant start;
    long repeats;
    Instant firstRepeat;
    Instant lastRepeat;

    Entry(Instant start) {
      this.start = start;
    }

    void count(Instant now) {
      if (repeats++ == 0) {
        firstRepeat = now;
      }
      lastRepeat = now;
    }

    Repeats repeats(Failure failure) {
      return repeats == 0 ? null : new Repeats(failure, repeats, firstRepeat, lastRepeat);
    }
  }

  private static final class OriginBudget {
    final Instant start;
    int names;

    OriginBudget(Instant start) {
      this.start = start;
    }
  }
}
