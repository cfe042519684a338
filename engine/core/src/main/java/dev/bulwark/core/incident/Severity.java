package dev.bulwark.core.incident;

import java.util.Locale;

/** Incident severity, in the words of Elastic Security and most SIEMs. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** Reads {@code "high"}, {@code "HIGH"} and so on; fails naming the accepted values. */
  public static Severity parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "severity must be one of low, medium, high, critical; got " + text, e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
