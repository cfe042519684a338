package dev.bulwark.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The events of one key (a user, a device) over the last day as one fact, in arrays sorted by event
 * time, instead of one {@link Trace} per event: each fact costs Drools ~2 KB, a few numbers in
 * arrays cost a few dozen bytes (ADR 0303). This base keeps the times, seqs, hosts and source IPs
 * (what every decision's evidence names), and the times of the events added or removed since the
 * rules last fired; a subclass keeps its other fields in parallel arrays, which it moves when this
 * base asks ({@link #resizeColumns}, {@link #moveColumns}, {@link #clearColumns}).
 *
 * <p>A rule reads windows ending at an event, and only those a change could alter: the events whose
 * window holds an event added or removed since the rule last fired, the same tuples an accumulate
 * over per-event facts would re-evaluate ({@link #windowsReached}), so the rule fires where that
 * one did.
 */
public abstract class EventDay {

  static final int INITIAL_CAPACITY = 8;

  private long[] times = new long[INITIAL_CAPACITY];
  private long[] seqs = new long[INITIAL_CAPACITY];
  private String[] hosts = new String[INITIAL_CAPACITY];
  private String[] ips = new String[INITIAL_CAPACITY];
  private int size;
  // Event times of the events added or removed since the rule last fired.
  private long[] changed = new long[4];
  private int changes;
  // Counts the additions and removals, so a window read later can tell that its indices moved.
  private int revision;

  EventDay() {}

  /** How many events the day holds. */
  public int getSize() {
    return size;
  }

  /** Reads the window of events {@code [from, to)} that ends at the event {@code end}. */
  interface WindowReader<S> {
    S read(int end, int from, int to);
  }

  /**
   * For every event accepted by {@code endsWindow} whose window holds an event added or removed
   * since the rule last fired, by event time: what {@code reader} makes of the events in the {@code
   * window} before it (inclusive at both ends, as {@code before[0s, window]}).
   */
  final <S> List<S> windowsReached(
      Duration window, IntPredicate endsWindow, WindowReader<S> reader) {
    if (changes == 0) {
      return List.of();
    }
    Arrays.sort(changed, 0, changes);
    long windowMillis = window.toMillis();
    List<S> windows = new ArrayList<>();
    long latest = changed[changes - 1];
    long last = latest > Long.MAX_VALUE - windowMillis ? Long.MAX_VALUE : latest + windowMillis;
    for (int i = firstAtOrAfter(changed[0]); i < size && times[i] <= last; i++) {
      if (endsWindow.test(i) && changedWithin(times[i] - windowMillis, times[i])) {
        windows.add(reader.read(i, firstAtOrAfter(times[i] - windowMillis), firstAfter(times[i])));
      }
    }
    return windows;
  }

  /** Whether an event of event time in [from, to] was added or removed; changes are sorted. */
  private boolean changedWithin(long from, long to) {
    int low = 0;
    int high = changes;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (changed[mid] < from) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low < changes && changed[low] <= to;
  }

  /** Changes on every addition and removal. */
  final int revision() {
    return revision;
  }

  final long time(int i) {
    return times[i];
  }

  final long seq(int i) {
    return seqs[i];
  }

  /** The event's {@code host.name}, or null. */
  final String host(int i) {
    return hosts[i];
  }

  /** The event's {@code source.ip}, or null. */
  final String ip(int i) {
    return ips[i];
  }

  /**
   * Adds an event after those of the same or an earlier time.
   *
   * @return its index, where the subclass sets its columns
   */
  final int insert(long seq, long time, String host, String ip) {
    if (size == times.length) {
      resize(size * 2);
    }
    int at = firstAfter(time);
    int tail = size - at;
    System.arraycopy(times, at, times, at + 1, tail);
    System.arraycopy(seqs, at, seqs, at + 1, tail);
    System.arraycopy(hosts, at, hosts, at + 1, tail);
    System.arraycopy(ips, at, ips, at + 1, tail);
    moveColumns(at, at + 1, tail);
    times[at] = time;
    seqs[at] = seq;
    hosts[at] = host;
    ips[at] = ip;
    size++;
    revision++;
    changed(time);
    return at;
  }

  /**
   * Removes the events of event time before {@code oldestKept}.
   *
   * @return whether any was removed
   */
  final boolean removeBefore(long oldestKept) {
    int drop = firstAtOrAfter(oldestKept);
    if (drop == 0) {
      return false;
    }
    for (int i = 0; i < drop; i++) {
      changed(times[i]);
    }
    int keep = size - drop;
    System.arraycopy(times, drop, times, 0, keep);
    System.arraycopy(seqs, drop, seqs, 0, keep);
    System.arraycopy(hosts, drop, hosts, 0, keep);
    System.arraycopy(ips, drop, ips, 0, keep);
    Arrays.fill(hosts, keep, size, null);
    Arrays.fill(ips, keep, size, null);
    moveColumns(drop, 0, keep);
    clearColumns(keep, size);
    size = keep;
    revision++;
    if (times.length > 64 && size < times.length / 4) {
      resize(Math.max(INITIAL_CAPACITY, times.length / 2));
    }
    return true;
  }

  /** The event time of the oldest event; the day must not be empty. */
  final long oldest() {
    return times[0];
  }

  /** The rule has fired on the changes so far. */
  final void fired() {
    changes = 0;
    if (changed.length > 64) {
      changed = new long[4];
    }
    changesFired();
  }

  /** For a subclass that marks its changes in a column of its own: the rules have seen them. */
  void changesFired() {}

  /** The subclass's columns, all of {@link #INITIAL_CAPACITY} to start with, get a new capacity. */
  abstract void resizeColumns(int capacity);

  /** {@code System.arraycopy} within each of the subclass's columns. */
  abstract void moveColumns(int from, int to, int length);

  /**
   * Drops the references the subclass's columns hold in [from, to), which no longer hold events;
   * nothing to drop in columns of numbers.
   */
  void clearColumns(int from, int to) {}

  private void resize(int capacity) {
    times = Arrays.copyOf(times, capacity);
    seqs = Arrays.copyOf(seqs, capacity);
    hosts = Arrays.copyOf(hosts, capacity);
    ips = Arrays.copyOf(ips, capacity);
    resizeColumns(capacity);
  }

  private void changed(long time) {
    if (changes == changed.length) {
      changed = Arrays.copyOf(changed, changes * 2);
    }
    changed[changes++] = time;
  }

  /** The index of the first event at or after {@code time}: {@link #getSize()} if none. */
  final int firstAtOrAfter(long time) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (times[mid] < time) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private int firstAfter(long time) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (times[mid] <= time) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
