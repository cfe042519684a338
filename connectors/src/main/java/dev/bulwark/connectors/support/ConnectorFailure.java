package dev.bulwark.connectors.support;

import dev.bulwark.core.action.ActionFailedException;
import java.time.Duration;
import java.util.Optional;

/**
 * A typed provider failure: the playbook retries it when {@link #retryable()} and escalates it
 * otherwise. Messages name the provider and the operation, never a credential.
 */
public class ConnectorFailure extends ActionFailedException {

  private final String provider;
  private final FailureKind kind;
  private final Duration retryAfter;

  public ConnectorFailure(
      String provider, FailureKind kind, String message, Duration retryAfter, Throwable cause) {
    super(provider + " " + kind + ": " + message, kind.retryable(), cause);
    this.provider = provider;
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public ConnectorFailure(String provider, FailureKind kind, String message) {
    this(provider, kind, message, null, null);
  }

  public String provider() {
    return provider;
  }

  public FailureKind kind() {
    return kind;
  }

  /** How long the provider asked us to wait (HTTP {@code Retry-After}), when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
