package dev.bulwark.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The logins and MFA challenges with one device (any outcome, with a user) over the last day, as
 * one fact: time, seq, user, host and IP per event in arrays sorted by event time, instead of one
 * {@link Trace} per event. The "one device, many accounts" rule needs only how many distinct users
 * the day before each event names, and those events as evidence; it is the global session's bundled
 * rule (ADR 0802), which sees every identity's logins. The evaluator records each event here and
 * updates the fact (ADR 0303); the rule reads {@link #spansReaching} with its own window and
 * threshold.
 *
 * <p>The spans offered are those a change could alter: the events whose window holds an event added
 * or removed since the rule last fired, the same tuples an accumulate over per-event facts would
 * re-evaluate, so the rule fires where that one did.
 */
public final class DeviceDay extends EventDay {

  private final String deviceId;
  private String[] users = new String[INITIAL_CAPACITY];

  DeviceDay(String deviceId) {
    this.deviceId = deviceId;
  }

  public String getDeviceId() {
    return deviceId;
  }

  /**
   * For every event whose window holds an event added or removed since the rule last fired: the
   * events in the {@code window} before it (inclusive at both ends, as {@code before[0s, window]}).
   */
  public List<DeviceSpan> spansReaching(Duration window) {
    // Windows come by event time, so both of their ends only move forward: count users as they go.
    UsersInWindow users = new UsersInWindow();
    return windowsReached(
        window,
        end -> true,
        (end, from, to) -> new DeviceSpan(this, end, from, to, users.distinctIn(from, to)));
  }

  DeviceUse use(int i) {
    return new DeviceUse(seq(i), time(i), users[i], host(i), ip(i), deviceId);
  }

  List<DeviceUse> uses(int from, int to) {
    List<DeviceUse> uses = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      uses.add(use(i));
    }
    return uses;
  }

  /** Adds an event after those of the same or an earlier time. */
  void add(long seq, long time, String user, String host, String ip) {
    int at = insert(seq, time, host, ip);
    users[at] = user;
  }

  @Override
  void resizeColumns(int capacity) {
    users = Arrays.copyOf(users, capacity);
  }

  @Override
  void moveColumns(int from, int to, int length) {
    System.arraycopy(users, from, users, to, length);
  }

  @Override
  void clearColumns(int from, int to) {
    Arrays.fill(users, from, to, null);
  }

  /** The users of a window that only moves forward, counted per user. */
  private final class UsersInWindow {
    private final Map<String, Integer> counts = new HashMap<>();
    private int from;
    private int to;

    int distinctIn(int newFrom, int newTo) {
      for (; to < newTo; to++) {
        counts.merge(users[to], 1, Integer::sum);
      }
      for (; from < newFrom; from++) {
        counts.computeIfPresent(users[from], (user, count) -> count == 1 ? null : count - 1);
      }
      return counts.size();
    }
  }

  @Override
  public String toString() {
    return "DeviceDay[" + deviceId + " " + getSize() + "]";
  }
}
