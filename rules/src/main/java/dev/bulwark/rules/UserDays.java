package dev.bulwark.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.drools.base.base.ClassObjectType;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.ObjectTypeNode;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Keeps one {@link UserDay} fact per user in a session, instead of a {@link Trace} per entry held
 * for a day (ADR 0303). An entry stays as long as its trace would have: {@link Trace#EXPIRY} after
 * its event time; a day with no entry left leaves the session.
 */
abstract class UserDays<D extends UserDay> {

  private final KieSession session;
  private final Map<String, Held<D>> byUser = new HashMap<>();
  // When each day's oldest entry expires; an entry whose day has since changed its oldest entry (a
  // late one) or left is skipped.
  private final PriorityQueue<Expiry<D>> byExpiry =
      new PriorityQueue<>(Comparator.comparingLong(Expiry::at));
  // The days changed since the rules last fired.
  private final List<D> changed = new ArrayList<>();
  private long entries;

  private static final class Held<D extends UserDay> {
    final D day;
    FactHandle handle;
    long expiresAt = Long.MIN_VALUE;

    Held(D day) {
      this.day = day;
    }
  }

  private record Expiry<D extends UserDay>(long at, Held<D> held) {}

  UserDays(KieSession session) {
    this.session = session;
  }

  /** Whether a rule of the KieBase matches the day type; the evaluator keeps no days otherwise. */
  static boolean matched(KieBase kieBase, Class<? extends UserDay> dayType) {
    if (!(kieBase instanceof InternalRuleBase ruleBase)) {
      return true;
    }
    for (ObjectTypeNode node : ruleBase.getRete().getObjectTypeNodes()) {
      if (node.getObjectType() instanceof ClassObjectType type && type.getClassType() == dayType) {
        return true;
      }
    }
    return false;
  }

  /** A new, empty day of the user. */
  abstract D newDay(String userName);

  /** Adds an entry to the user's day and updates the fact; the caller fires the rules. */
  final void add(String userName, Consumer<D> entry) {
    Held<D> held = byUser.get(userName);
    if (held == null) {
      held = new Held<>(newDay(userName));
      byUser.put(userName, held);
    }
    entry.accept(held.day);
    entries++;
    changed.add(held.day);
    if (held.handle == null) {
      held.handle = session.insert(held.day);
    } else {
      session.update(held.handle, held.day);
    }
    schedule(held);
  }

  /**
   * Removes the entries whose trace would have expired by {@code now} (event time before {@code
   * now} minus {@link Trace#EXPIRY}), updating their days so the rules see the change.
   *
   * @return whether any entry was removed
   */
  final boolean expire(long now) {
    boolean removed = false;
    long oldestKept = now - Trace.EXPIRY.toMillis();
    while (!byExpiry.isEmpty() && byExpiry.peek().at() < now) {
      Expiry<D> expiry = byExpiry.poll();
      Held<D> held = expiry.held();
      if (held.expiresAt != expiry.at() || held.day.getSize() == 0) {
        continue; // stale: the day has an older entry now, or left
      }
      int before = held.day.getSize();
      removed |= held.day.removeBefore(oldestKept);
      entries -= before - held.day.getSize();
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
    changed.forEach(UserDay::fired);
    changed.clear();
  }

  /** How many entries the days hold. */
  final long samples() {
    return entries;
  }

  private void schedule(Held<D> held) {
    if (held.day.getSize() == 0) {
      // No entry left, so none a removal could pair or count with: nothing to fire.
      byUser.remove(held.day.getUserName());
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
