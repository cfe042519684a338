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
 * Keeps one {@link EventDay} fact per key (a user, a device) in a session whose rules read them,
 * instead of a {@link Trace} per event held for a day (ADR 0303). An event stays as long as its
 * trace would have: {@link Trace#EXPIRY} after its event time; a day with no event left leaves the
 * session. A subclass says which events go in which day.
 */
abstract class EventDays<D extends EventDay> {

  private final KieSession session;
  private final Map<String, Held<D>> byKey = new HashMap<>();
  // When each day's oldest event expires; an entry whose day has since changed its oldest event
  // (a late event) or left is skipped.
  private final PriorityQueue<Expiry<D>> byExpiry =
      new PriorityQueue<>(Comparator.comparingLong(Expiry::at));
  // The days changed since the rules last fired.
  private final List<D> changed = new ArrayList<>();
  private long events;

  private static final class Held<D> {
    final String key;
    final D day;
    FactHandle handle;
    long expiresAt = Long.MIN_VALUE;

    Held(String key, D day) {
      this.key = key;
      this.day = day;
    }
  }

  private record Expiry<D>(long at, Held<D> held) {}

  EventDays(KieSession session) {
    this.session = session;
  }

  /** The key of the day the event goes in, or null when it goes in none. */
  abstract String keyOf(AlertEvent event);

  /** A new, empty day for the key. */
  abstract D newDay(String key);

  /** Adds the event to its day. */
  abstract void add(D day, AlertEvent event);

  /** Records the event in its day, if it has one; the caller fires the rules. */
  final void record(AlertEvent event) {
    String key = keyOf(event);
    if (key == null) {
      return;
    }
    Held<D> held = byKey.get(key);
    if (held == null) {
      held = new Held<>(key, newDay(key));
      byKey.put(key, held);
    }
    add(held.day, event);
    events++;
    changed.add(held.day);
    if (held.handle == null) {
      held.handle = session.insert(held.day);
    } else {
      session.update(held.handle, held.day);
    }
    schedule(held);
  }

  /**
   * Removes the events whose trace would have expired by {@code now} (event time before {@code now}
   * minus {@link Trace#EXPIRY}), updating their days so the rules see the change.
   *
   * @return whether any event was removed
   */
  final boolean expire(long now) {
    boolean removed = false;
    long oldestKept = now - Trace.EXPIRY.toMillis();
    while (!byExpiry.isEmpty() && byExpiry.peek().at() < now) {
      Expiry<D> expiry = byExpiry.poll();
      Held<D> held = expiry.held();
      if (held.expiresAt != expiry.at() || held.day.getSize() == 0) {
        continue; // stale: the day has an older event now, or left
      }
      int before = held.day.getSize();
      removed |= held.day.removeBefore(oldestKept);
      events -= before - held.day.getSize();
      changed.add(held.day);
      schedule(held);
      if (held.day.getSize() > 0) {
        session.update(held.handle, held.day);
      }
    }
    return removed;
  }

  /** The rules have fired on every change so far. */
  final void fired() {
    changed.forEach(EventDay::fired);
    changed.clear();
  }

  /** How many events the days hold. */
  final long events() {
    return events;
  }

  private void schedule(Held<D> held) {
    if (held.day.getSize() == 0) {
      // No event left, so no window the removal changed: nothing to fire.
      byKey.remove(held.key);
      session.delete(held.handle);
      return;
    }
    long expiresAt = held.day.oldest() + Trace.EXPIRY.toMillis();
    if (expiresAt != held.expiresAt) {
      held.expiresAt = expiresAt;
      byExpiry.add(new Expiry<>(expiresAt, held));
    }
  }
}
