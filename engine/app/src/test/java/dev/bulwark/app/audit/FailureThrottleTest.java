package dev.bulwark.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.app.audit.FailureThrottle.Decision;
import dev.bulwark.app.audit.FailureThrottle.Failure;
import dev.bulwark.app.audit.FailureThrottle.Repeats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A password guesser's failures become a few audit records and a count, never a flood. */
class FailureThrottleTest {

  private final MutableClock clock = new MutableClock();
  private final FailureThrottle throttle =
      new FailureThrottle(Duration.ofMinutes(1), 3, 100, clock);

  @Test
  void theFirstFailureIsRecordedAndIdenticalOnesInItsWindowAreCounted() {
    Failure guess = new Failure("basic", "admin", "10.0.0.9");

    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      decisions.add(throttle.offer(guess));
      clock.advance(Duration.ofMillis(10));
    }

    assertThat(decisions.stream().filter(Decision::record)).hasSize(1);
    assertThat(throttle.sweep()).as("the window is still open").isEmpty();
    clock.advance(Duration.ofMinutes(1));
    List<Repeats> closed = throttle.sweep();
    assertThat(closed).hasSize(1);
    assertThat(closed.get(0).failure()).isEqualTo(guess);
    assertThat(closed.get(0).count()).isEqualTo(999);
    assertThat(throttle.sweep()).as("counted once").isEmpty();
  }

  @Test
  void aFailureAfterTheWindowIsRecordedAgainCarryingTheCountNotYetSwept() {
    Failure guess = new Failure("webapp", "analyst", "10.0.0.9");
    throttle.offer(guess);
    throttle.offer(guess);
    throttle.offer(guess);
    clock.advance(Duration.ofSeconds(61));

    Decision next = throttle.offer(guess);

    assertThat(next.record()).isTrue();
    assertThat(next.earlier().count()).isEqualTo(2);
    assertThat(throttle.sweep()).isEmpty();
  }

  @Test
  void differentNamesFromOneAddressAreRecordedUpToItsBudgetThenCountedTogether() {
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      decisions.add(throttle.offer(new Failure("basic", "user" + i, "10.0.0.7")));
    }

    assertThat(decisions.stream().filter(Decision::record).map(d -> d.as().claimed()))
        .containsExactly("user0", "user1", "user2", FailureThrottle.MANY_NAMES);
    clock.advance(Duration.ofMinutes(1));
    List<Repeats> closed = throttle.sweep();
    assertThat(closed).singleElement().extracting(Repeats::count).isEqualTo(46L);
    assertThat(throttle.offer(new Failure("basic", "user9", "10.0.0.7")).as().claimed())
        .as("a new window, a new budget")
        .isEqualTo("user9");
  }

  @Test
  void atShutdownCountsOfOpenWindowsAreHandedOverToo() {
    Failure guess = new Failure("basic", "root", "10.0.0.9");
    throttle.offer(guess);
    throttle.offer(guess);

    assertThat(throttle.drain()).singleElement().extracting(Repeats::count).isEqualTo(1L);
    assertThat(throttle.drain()).isEmpty();
  }

  @Test
  void anotherAddressHasItsOwnBudget() {
    for (int i = 0; i < 10; i++) {
      throttle.offer(new Failure("basic", "user" + i, "10.0.0.7"));
    }

    Decision other = throttle.offer(new Failure("basic", "user0", "10.0.0.8"));

    assertThat(other.record()).isTrue();
    assertThat(other.as().claimed()).isEqualTo("user0");
  }

  @Test
  void trackedFailuresAreBoundedSoASprayFromManyAddressesCannotExhaustMemory() {
    FailureThrottle small = new FailureThrottle(Duration.ofMinutes(1), 3, 10, clock);
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      decisions.add(
          small.offer(new Failure("bearer", "bearer-token", "10.1." + i / 250 + "." + i)));
    }

    assertThat(decisions.stream().filter(Decision::record)).hasSize(11);
    assertThat(decisions.get(999).as().claimed()).isEqualTo(FailureThrottle.TOO_MANY);
    clock.advance(Duration.ofMinutes(1));
    assertThat(small.sweep()).singleElement().extracting(Repeats::count).isEqualTo(989L);
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
