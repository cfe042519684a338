package dev.bulwark.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares equal strings between the events a session holds: a day of facts names the same few
 * thousand users, hosts, actions and countries over and over, and one copy of each is enough.
 * Bounded, so a flood of unique values (random user names, one-off URLs) cannot grow it without
 * limit: when full it starts afresh, which only costs some sharing. Not thread-safe; one per
 * evaluator.
 */
final class Interner {

  /** Distinct values kept before starting afresh: a large workforce's names fit many times. */
  static final int CAPACITY = 200_000;

  private final Map<String, String> values = new HashMap<>();

  /** The shared copy of {@code value}, or {@code null} for {@code null}. */
  String intern(String value) {
    if (value == null) {
      return null;
    }
    String shared = values.get(value);
    if (shared != null) {
      return shared;
    }
    if (values.size() >= CAPACITY) {
      values.clear();
    }
    values.put(value, value);
    return value;
  }
}
