package dev.bulwark.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The input-latency samples of one user over the last day, as one fact: a few numbers per sample in
 * arrays sorted by event time, instead of one {@link Trace} per sample. A day of samples was most
 * of what a session held (40 % of a workforce's events; each fact costs Drools ~2 KB), and the
 * "sustained latency" rule needs only how many samples, and which slow ones, lie in the day before
 * a slow sample. The evaluator records each sample here and updates the fact (ADR 0303); the rule
 * reads {@link #spansReaching} with its own window and threshold.
 *
 * <p>The spans offered are those a change could alter: the slow samples whose window holds a sample
 * added or removed since the rule last fired, the same tuples an accumulate over per-sample facts
 * would re-evaluate, so the rule fires where that one did.
 */
public final class LatencyDay extends UserDay {

  private final String userName;
  private long[] times = new long[8];
  private long[] seqs = new long[8];
  private double[] durations = new double[8];
  private String[] hosts = new String[8];
  private String[] ips = new String[8];
  private int size;
  // Event times of the samples added or removed since the rule last fired.
  private long[] changed = new long[4];
  private int changes;

  LatencyDay(String userName) {
    this.userName = userName;
  }

  @Override
  public String getUserName() {
    return userName;
  }

  /** How many samples the day holds. */
  @Override
  public int getSize() {
    return size;
  }

  /**
   * For every slow sample (above {@code slowNanos}) whose window holds a sample added or removed
   * since the rule last fired: the samples in the {@code window} before it (inclusive at both ends,
   * as {@code before[0s, window]}).
   */
  public List<LatencySpan> spansReaching(Duration window, double slowNanos) {
    if (changes == 0) {
      return List.of();
    }
    Arrays.sort(changed, 0, changes);
    long windowMillis = window.toMillis();
    List<LatencySpan> spans = new ArrayList<>();
    long latest = changed[changes - 1];
    long last = latest > Long.MAX_VALUE - windowMillis ? Long.MAX_VALUE : latest + windowMillis;
    for (int i = firstAtOrAfter(changed[0]); i < size && times[i] <= last; i++) {
      if (durations[i] > slowNanos && changedWithin(times[i] - windowMillis, times[i])) {
        spans.add(spanEndingAt(i, windowMillis, slowNanos));
      }
    }
    return spans;
  }

  /** Whether a sample of event time in [from, to] was added or removed; changes are sorted. */
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

  private LatencySpan spanEndingAt(int end, long windowMillis, double slowNanos) {
    long time = times[end];
    int from = firstAtOrAfter(time - windowMillis);
    int to = firstAfter(time);
    List<LatencySample> slow = new ArrayList<>();
    for (int i = from; i < to; i++) {
      if (durations[i] > slowNanos) {
        slow.add(sample(i));
      }
    }
    return new LatencySpan(sample(end), to - from, slow);
  }

  private LatencySample sample(int i) {
    return new LatencySample(seqs[i], times[i], userName, hosts[i], ips[i], durations[i]);
  }

  /** Adds a sample after those of the same or an earlier time. */
  void add(long seq, long time, double durationNanos, String host, String ip) {
    if (size == times.length) {
      int capacity = size * 2;
      times = Arrays.copyOf(times, capacity);
      seqs = Arrays.copyOf(seqs, capacity);
      durations = Arrays.copyOf(durations, capacity);
      hosts = Arrays.copyOf(hosts, capacity);
      ips = Arrays.copyOf(ips, capacity);
    }
    int at = firstAfter(time);
    int tail = size - at;
    System.arraycopy(times, at, times, at + 1, tail);
    System.arraycopy(seqs, at, seqs, at + 1, tail);
    System.arraycopy(durations, at, durations, at + 1, tail);
    System.arraycopy(hosts, at, hosts, at + 1, tail);
    System.arraycopy(ips, at, ips, at + 1, tail);
    times[at] = time;
    seqs[at] = seq;
    durations[at] = durationNanos;
    hosts[at] = host;
    ips[at] = ip;
    size++;
    changed(time);
  }

  /** Removes the samples of event time before {@code oldestKept}, as changes. */
  @Override
  boolean removeBefore(long oldestKept) {
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
    System.arraycopy(durations, drop, durations, 0, keep);
    System.arraycopy(hosts, drop, hosts, 0, keep);
    System.arraycopy(ips, drop, ips, 0, keep);
    Arrays.fill(hosts, keep, size, null);
    Arrays.fill(ips, keep, size, null);
    size = keep;
    if (times.length > 64 && size < times.length / 4) {
      int capacity = Math.max(8, times.length / 2);
      times = Arrays.copyOf(times, capacity);
      seqs = Arrays.copyOf(seqs, capacity);
      durations = Arrays.copyOf(durations, capacity);
      hosts = Arrays.copyOf(hosts, capacity);
      ips = Arrays.copyOf(ips, capacity);
    }
    return true;
  }

  @Override
  long oldest() {
    return times[0];
  }

  @Override
  void fired() {
    changes = 0;
    if (changed.length > 64) {
      changed = new long[4];
    }
  }

  private void changed(long time) {
    if (changes == changed.length) {
      changed = Arrays.copyOf(changed, changes * 2);
    }
    changed[changes++] = time;
  }

  private int firstAtOrAfter(long time) {
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

  @Override
  public String toString() {
    return "LatencyDay[" + userName + " " + size + "]";
  }
}
