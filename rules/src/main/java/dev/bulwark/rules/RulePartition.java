package dev.bulwark.rules;

import java.util.Locale;

/**
 * Where a rule runs when nodes share the journal by partition (ADR 0802), declared with {@code
 * @partition("global")}.
 */
public enum RulePartition {
  /**
   * The default: the rule correlates one identity's alerts (matches on the same {@code userName},
   * or looks at one alert), so it runs in the partition that identity hashes to.
   */
  IDENTITY,
  /**
   * The rule correlates alerts of different identities (one device, many users): it runs in the
   * single global session, which reads every partition.
   */
  GLOBAL;

  static RulePartition parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "partition must be identity or global, got \"" + text + "\"", e);
    }
  }
}
