package dev.bulwark.connectors.support;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error policy of a route group: retries with exponential backoff and jitter, the
 * provider's {@code Retry-After}, and a circuit breaker. Declared once per provider and applied to
 * every route of its group.
 */
public final class ConnectorPolicy {

  private static final Logger log = LoggerFactory.getLogger(ConnectorPolicy.class);

  /** How the policy waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final String provider;
  private final PolicySettings settings;
  private final CircuitBreaker breaker;
  private final Sleeper sleeper;
  private final Clock clock;
  private volatile ConnectorFailure lastFailure;

  public ConnectorPolicy(String provider, PolicySettings settings) {
    this(provider, settings, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  public ConnectorPolicy(String provider, PolicySettings settings, Clock clock, Sleeper sleeper) {
    this.provider = provider;
    this.settings = settings;
    this.breaker =
        new CircuitBreaker(settings.circuitFailureThreshold(), settings.circuitOpenFor(), clock);
    this.sleeper = sleeper;
    this.clock = clock;
  }

  public PolicySettings settings() {
    return settings;
  }

  /** Runs the call under the policy; the last failure is thrown when no attempt succeeds. */
  public <T> T execute(String operation, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      if (!breaker.allows()) {
        throw new ConnectorFailure(
            provider,
            FailureKind.CIRCUIT_OPEN,
            operation + " refused: circuit open until " + breaker.reopensAt(),
            Duration.between(clock.instant(), breaker.reopensAt()),
            lastFailure);
      }
      try {
        T result = call.get();
        breaker.recordSuccess();
        return result;
      } catch (ConnectorFailure failure) {
        lastFailure = failure;
        if (failure.kind().countsAgainstCircuit()) {
          breaker.recordFailure();
        }
        Duration wait = waitBefore(attempt + 1, failure);
        if (!failure.retryable() || attempt >= settings.maxAttempts() || wait == null) {
          throw failure;
        }
        log.warn(
            "BULWARK-5001 {} {} attempt {} of {} failed ({}); retrying in {} ms",
            provider,
            operation,
            attempt,
            settings.maxAttempts(),
            failure.kind(),
            wait.toMillis());
        pause(wait, failure);
      }
    }
  }

  /** Null when the provider asked for a longer wait than this policy waits in place. */
  Duration waitBefore(int nextAttempt, ConnectorFailure failure) {
    if (failure.retryAfter().isPresent()) {
      Duration asked = failure.retryAfter().get();
      return asked.compareTo(settings.maxRetryAfter()) > 0 ? null : asked;
    }
    return backoff(nextAttempt);
  }

  /** Exponential backoff with equal jitter: half the step is fixed, half random. */
  Duration backoff(int nextAttempt) {
    long step = settings.initialBackoff().toMillis() << Math.min(20, nextAttempt - 2);
    long capped = Math.min(step, settings.maxBackoff().toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  private void pause(Duration wait, ConnectorFailure failure) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }

  /** For the health check: the circuit's state and the last failure seen. */
  public ConnectorStatus status() {
    ConnectorFailure last = lastFailure;
    return new ConnectorStatus(
        provider,
        breaker.state().name(),
        breaker.state() != CircuitBreaker.State.OPEN,
        last == null ? null : last.getMessage());
  }
}
