package dev.bulwark.connectors.support;

import java.util.Objects;

/**
 * A credential read from the environment. {@link #toString()} never shows it, so a secret that ends
 * up in a log line, an exception or a health detail shows as {@code ****}.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return new Secret(value == null ? "" : value);
  }

  /** The value, for the one place that sends it to the provider. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return "****";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }
}
