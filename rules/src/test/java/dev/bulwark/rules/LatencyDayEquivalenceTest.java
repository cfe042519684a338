package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.Alert;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bundled "sustained latency" rule reads one {@link LatencyDay} per user; it replaced an
 * accumulate over one {@link Trace} per sample (kept in test resources). Both must decide the same
 * on the same alerts, in order or late, including late beyond the allowed lateness and samples that
 * leave the window while a slow sample is still held.
 */
class LatencyDayEquivalenceTest {

  private static final Instant START = Instant.parse("2025-03-10T00:00:00Z");

  @Test
  void theDayAggregateDecidesWhatTheAccumulateOverTracesDecided() {
    List<Alert> alerts = stream(new Random(3), 3_000);

    int fired = 0;
    List<Alert> seen = new ArrayList<>();
    Instant now = Instant.EPOCH;
    try (SideBySide rules =
        new SideBySide(
            "command_and_control_remote_control_latency.drl",
            "evaluator/latency_one_trace_per_sample.drl",
            ReferenceData.withDefaults())) {
      for (Alert alert : alerts) {
        List<String> expected = rules.evaluate(alert);
        fired += expected.size();
        seen.add(alert);
        now = alert.timestamp().isAfter(now) ? alert.timestamp() : now;
        // Each sample with a user, until its trace would have expired (the old rule also held the
        // samples without a user, which it could never count).
        assertThat(rules.current().latencySamples())
            .as("samples held after alert %d at %s", alert.seq(), alert.timestamp())
            .isEqualTo(heldAt(seen, now));
      }
    }
    // The stream must exercise the rule, or the comparison says nothing.
    assertThat(fired).isGreaterThan(100);
  }

  private static long heldAt(List<Alert> seen, Instant now) {
    Instant oldestKept = now.minus(Trace.EXPIRY);
    return seen.stream()
        .filter(alert -> alert.document().has("user"))
        .filter(alert -> !alert.timestamp().isBefore(oldestKept))
        .count();
  }

  /**
   * Samples of six users over four days, 2-40 min apart, some users mostly slow; 1 in 12 arrives up
   * to 30 h late, 1 in 40 shares the previous sample's time, 1 in 50 has no user.
   */
  private static List<Alert> stream(Random random, int count) {
    List<Alert> alerts = new ArrayList<>();
    Instant clock = START;
    Instant previous = START;
    for (int i = 1; i <= count; i++) {
      clock = clock.plusSeconds(120 + random.nextInt(38 * 60));
      int user = random.nextInt(6);
      Instant at = clock;
      if (random.nextInt(12) == 0) {
        at = clock.minusSeconds(random.nextInt(30 * 3600));
      } else if (random.nextInt(40) == 0) {
        at = previous;
      }
      previous = at;
      boolean slow = random.nextInt(10) < 2 + user; // user5 is slow 70 % of the time
      ObjectNode event = TestAlerts.JSON.createObjectNode();
      event.put("@timestamp", at.toString());
      event
          .putObject("event")
          .put("kind", "event")
          .put("action", "input-latency")
          .put("duration", slow ? 180_000_000L : 30_000_000L);
      if (random.nextInt(50) != 0) {
        event.putObject("user").put("name", "user" + user);
      }
      event.putObject("host").put("name", "host" + user);
      alerts.add(new Alert(i, at, event));
    }
    return alerts;
  }
}
