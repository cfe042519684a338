package dev.bulwark.connectors.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectorPolicyTest {

  private final List<Duration> waits = new ArrayList<>();
  private final MutableClock clock = new MutableClock();

  private ConnectorPolicy policy(int attempts, int threshold) {
    return new ConnectorPolicy(
        "test",
        new PolicySettings(
            Duration.ofSeconds(1),
            attempts,
            Duration.ofMillis(400),
            Duration.ofMillis(1000),
            Duration.ofSeconds(30),
            threshold,
            Duration.ofSeconds(60)),
        clock,
        d -> {
          waits.add(d);
          clock.advance(d);
        });
  }

  @Test
  void aServerErrorThenSuccessIsRetriedAndAnswersTheSuccess() {
    AtomicInteger calls = new AtomicInteger();

    String answer =
        policy(3, 5)
            .execute(
                "op",
                () -> {
                  if (calls.incrementAndGet() == 1) {
                    throw failure(FailureKind.SERVER_ERROR, null);
                  }
                  return "ok";
                });

    assertThat(answer).isEqualTo("ok");
    assertThat(calls).hasValue(2);
    assertThat(waits).hasSize(1);
  }

  @Test
  void backoffGrowsExponentiallyWithJitterUpToTheCap() {
    ConnectorPolicy policy = policy(10, 100);
    for (int i = 0; i < 50; i++) {
      assertThat(policy.backoff(2).toMillis()).isBetween(200L, 400L);
      assertThat(policy.backoff(3).toMillis()).isBetween(400L, 800L);
      assertThat(policy.backoff(4).toMillis()).isBetween(500L, 1000L);
      assertThat(policy.backoff(9).toMillis()).isBetween(500L, 1000L);
    }
  }

  @Test
  void aRateLimitIsRetriedAfterExactlyTheRetryAfterTheProviderAsked() {
    AtomicInteger calls = new AtomicInteger();

    policy(3, 5)
        .execute(
            "op",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(7));
              }
              return "ok";
            });

    assertThat(waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void aRetryAfterLongerThanThePolicyWaitsSurfacesAsARetryableFailureAtOnce() {
    assertThatThrownBy(
            () ->
                policy(3, 5)
                    .execute(
                        "op",
                        () -> {
                          throw failure(FailureKind.RATE_LIMITED, Duration.ofMinutes(10));
                        }))
        .isInstanceOf(ConnectorFailure.class)
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).retryable()).isTrue();
              assertThat(((ConnectorFailure) e).retryAfter()).contains(Duration.ofMinutes(10));
            });
    assertThat(waits).isEmpty();
  }

  @Test
  void clientErrorsAreNeverRetried() {
    AtomicInteger calls = new AtomicInteger();
    for (FailureKind kind :
        List.of(FailureKind.UNAUTHORIZED, FailureKind.FORBIDDEN, FailureKind.NOT_FOUND)) {
      assertThatThrownBy(
              () ->
                  policy(5, 5)
                      .execute(
                          "op",
                          () -> {
                            calls.incrementAndGet();
                            throw failure(kind, null);
                          }))
          .isInstanceOf(ConnectorFailure.class);
    }
    assertThat(calls).hasValue(3);
    assertThat(waits).isEmpty();
  }

  @Test
  void theLastFailureSurfacesWhenEveryAttemptFails() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                policy(3, 50)
                    .execute(
                        "op",
                        () -> {
                          calls.incrementAndGet();
                          throw failure(FailureKind.TIMEOUT, null);
                        }))
        .isInstanceOf(ConnectorFailure.class)
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT));
    assertThat(calls).hasValue(3);
  }

  @Test
  void theCircuitOpensAfterConsecutiveFailuresRefusesCallsThenLetsOneTrialThrough() {
    ConnectorPolicy policy = policy(1, 2);
    AtomicInteger calls = new AtomicInteger();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(
              () ->
                  policy.execute(
                      "op",
                      () -> {
                        calls.incrementAndGet();
                        throw failure(FailureKind.SERVER_ERROR, null);
                      }))
          .isInstanceOf(ConnectorFailure.class);
    }

    assertThatThrownBy(() -> policy.execute("op", () -> calls.incrementAndGet()))
        .isInstanceOf(ConnectorFailure.class)
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.CIRCUIT_OPEN));
    assertThat(calls).hasValue(2);
    assertThat(policy.status().available()).isFalse();
    assertThat(policy.status().circuit()).isEqualTo("OPEN");

    clock.advance(Duration.ofSeconds(61));
    assertThat(policy.execute("op", () -> "recovered")).isEqualTo("recovered");
    assertThat(policy.status().circuit()).isEqualTo("CLOSED");
  }

  @Test
  void requestErrorsDoNotOpenTheCircuit() {
    ConnectorPolicy policy = policy(1, 1);
    assertThatThrownBy(
            () ->
                policy.execute(
                    "op",
                    () -> {
                      throw failure(FailureKind.NOT_FOUND, null);
                    }))
        .isInstanceOf(ConnectorFailure.class);

    assertThat(policy.status().available()).isTrue();
  }

  private static ConnectorFailure failure(FailureKind kind, Duration retryAfter) {
    return new ConnectorFailure("test", kind, "failed", retryAfter, null);
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
