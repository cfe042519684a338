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

    SideBySide.Replay replay;
    try (SideBySide rules =
        new SideBySide(
            "command_and_control_remote_control_latency.drl",
            "evaluator/latency_one_trace_per_sample.drl",
            ReferenceData.withDefaults())) {
      // Each sample with a user (the old rule also held the samples without a user, which it
      // could never count).
      replay =
          rules.replay(
              alerts, alert -> alert.document().has("user"), DroolsRuleEvaluator::latencySamples);
    }
    // The stream must exercise the rule, or the comparison says nothing.
    assertThat(replay.decisions()).hasSizeGreaterThan(100);
  }

  /**
   * Samples of six users over four days, 2-40 min apart, some users mostly slow; 1 in 12 arrives up
   * to 30 h late, 1 in 40 shares the previous sample's time, 1 in 50 has no user.
   */
  private static List<Alert> stream(Random random, int count) {
    List<Alert> alerts = new ArrayList<>();
    ArrivalClock clock = new ArrivalClock(random, START, 120, 40 * 60, 12, 40);
    for (int i = 1; i <= count; i++) {
      Instant at = clock.next();
      int user = random.nextInt(6);
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
