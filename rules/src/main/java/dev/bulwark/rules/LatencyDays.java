package dev.bulwark.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Keeps one {@link LatencyDay} fact per user in a session whose rules read them, instead of a
 * {@link Trace} per input-latency sample held for a day (ADR 0303). A sample stays as long as its
 * trace would have: {@link Trace#EXPIRY} after its event time; a day with no sample left leaves the
 * session.
 */
final class LatencyDays {

  static final String ACTION = "input-latency";

  private final KieSession session;
  private final Map<String, Held> byUser = new HashMap<>();
  // When each day's oldest sample expires; an entry whose day has since changed its oldest sample
  // (a late sample) or left is skipped.
  private final PriorityQueue<Expiry> byExpiry =
      new PriorityQueue<>(Comparator.comparingLong(Expiry::at));
  // The days changed since the rules last fired.
  private final List<LatencyDay> changed = new ArrayList<>();
  private long samples;

  private static final class Held {
    final LatencyDay day;
    FactHandle handle;
    long expiresAt = Long.MIN_VALUE;

    Held(LatencyDay day) {
      this.day = day;
    }
  }

  private record Expiry(long at, Held held) {}

  LatencyDays(KieSession session) {
    this.session = session;
  }

  /** Records a sample of a user; the caller fires the rules. */
  void record(AlertEvent event) {
    String user = event.getUserName();
    if (user == null) {
      return;
    }
    Held held = byUser.get(user);
    if (held == null) {
      held = new Held(new LatencyDay(user));
      byUser.put(user, held);
    }
    held.day.add(
        event.getSeq(),
        event.getTimestamp(),
        event.getDurationNanos(),
        event.getHostName(),
        event.getSourceIp());
    samples++;
    changed.add(held.day);
    if (held.handle == null) {
      held.handle = session.insert(held.day);
    } else {
      session.update(held.handle, held.day);
    }
    schedule(held);
  }

  /**
   * Removes the samples whose trace would have expired by {@code now} (event time before {@code
   * now} minus {@link Trace#EXPIRY}), updating their days so the rule sees the change.
   *
   * @return whether any sample was removed
   */
  boolean expire(long now) {
    boolean removed = false;
    long oldestKept = now - Trace.EXPIRY.toMillis();
    while (!byExpiry.isEmpty() && byExpiry.peek().at() < now) {
      Expiry expiry = byExpiry.poll();
      Held held = expiry.held();
      if (held.expiresAt != expiry.at() || held.day.getSize() == 0) {
        continue; // stale: the day has an older sample now, or left
      }
      int before = held.day.getSize();
      removed |= held.day.removeBefore(oldestKept);
      samples -= before - held.day.getSize();
      changed.add(held.day);
      schedule(held);
      if (held.day.getSize() > 0) {
        session.update(held.handle, held.day);
      }
    }
    return removed;
  }

  /** The rules have fired on every change so far. */
  void fired() {
    changed.forEach(LatencyDay::fired);
    changed.clear();
  }

  /** How many samples the days hold. */
  long samples() {
    return samples;
  }

  private void schedule(Held held) {
    if (held.day.getSize() == 0) {
      // No sample left, so no slow sample whose window the removal changed: nothing to fire.
      byUser.remove(held.day.getUserName());
      session.delete(held.handle);
      return;
    }
    long expiresAt = held.day.oldest() + Trace.EXPIRY.toMillis();
    if (expiresAt != held.expiresAt) {
      held.expiresAt = expiresAt;
      byExpiry.add(new Expiry(expiresAt, held));
    }
  }
}
