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
public final class LatencyDay extends EventDay {

  private final String userName;
  private double[] durations = new double[INITIAL_CAPACITY];

  LatencyDay(String userName) {
    this.userName = userName;
  }

  public String getUserName() {
    return userName;
  }

  /**
   * For every slow sample (above {@code slowNanos}) whose window holds a sample added or removed
   * since the rule last fired: the samples in the {@code window} before it (inclusive at both ends,
   * as {@code before[0s, window]}).
   */
  public List<LatencySpan> spansReaching(Duration window, double slowNanos) {
    return windowsReached(
        window,
        end -> durations[end] > slowNanos,
        (end, from, to) -> spanEndingAt(end, from, to, slowNanos));
  }

  private LatencySpan spanEndingAt(int end, int from, int to, double slowNanos) {
    List<LatencySample> slow = new ArrayList<>();
    for (int i = from; i < to; i++) {
      if (durations[i] > slowNanos) {
        slow.add(sample(i));
      }
    }
    return new LatencySpan(sample(end), to - from, slow);
  }

  private LatencySample sample(int i) {
    return new LatencySample(seq(i), time(i), userName, host(i), ip(i), durations[i]);
  }

  /** Adds a sample after those of the same or an earlier time. */
  void add(long seq, long time, double durationNanos, String host, String ip) {
    int at = insert(seq, time, host, ip);
    durations[at] = durationNanos;
  }

  @Override
  void resizeColumns(int capacity) {
    durations = Arrays.copyOf(durations, capacity);
  }

  @Override
  void moveColumns(int from, int to, int length) {
    System.arraycopy(durations, from, durations, to, length);
  }

  @Override
  public String toString() {
    return "LatencyDay[" + userName + " " + getSize() + "]";
  }
}
