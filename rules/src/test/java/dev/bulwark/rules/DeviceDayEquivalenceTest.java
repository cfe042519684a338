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
 * The bundled "one device, many accounts" rule reads one {@link DeviceDay} per device; it replaced
 * an accumulate over one {@link Trace} per login or MFA challenge (kept in test resources). Both
 * must decide the same on the same alerts, in order or late, including late beyond the allowed
 * lateness, events at the same time and events that leave the window while a later one is held.
 */
class DeviceDayEquivalenceTest {

  private static final Instant START = Instant.parse("2025-03-10T00:00:00Z");
  private static final String RULE_FILE = "initial_access_one_device_many_accounts.drl";

  @Test
  void theDayAggregateDecidesWhatTheAccumulateOverTracesDecided() {
    List<Alert> alerts = stream(new Random(5), 4_000);

    SideBySide.Replay replay;
    try (SideBySide rules =
        new SideBySide(
            RULE_FILE, "evaluator/device_one_trace_per_event.drl", ReferenceData.withDefaults())) {
      // Each login or MFA challenge with a device and a user.
      replay =
          rules.replay(
              alerts,
              alert ->
                  alert.document().has("user")
                      && alert.document().has("device")
                      && !alert.document().path("event").path("action").asText().equals("other"),
              DroolsRuleEvaluator::deviceUses);
    }
    // The stream must exercise the rule, late events included, or the comparison says nothing.
    assertThat(replay.decisions()).hasSizeGreaterThan(200);
    assertThat(replay.onLateEvents()).isGreaterThan(20);
  }

  /**
   * Logins and MFA challenges of eight users on four devices over four days, 5-60 min apart, each
   * user mostly on their own device and now and then on another; 1 in 12 arrives up to 30 h late, 1
   * in 25 shares the previous event's time, 1 in 20 has no device, 1 in 30 no user, 1 in 30 is
   * another action with a device.
   */
  private static List<Alert> stream(Random random, int count) {
    List<Alert> alerts = new ArrayList<>();
    ArrivalClock clock = new ArrivalClock(random, START, 300, 55 * 60, 12, 25);
    for (int i = 1; i <= count; i++) {
      Instant at = clock.next();
      int user = random.nextInt(8);
      int device = random.nextInt(5) == 0 ? random.nextInt(4) : user % 4;
      String action =
          random.nextInt(30) == 0 ? "other" : random.nextBoolean() ? "user-login" : "mfa-challenge";
      ObjectNode event = TestAlerts.JSON.createObjectNode();
      event.put("@timestamp", at.toString());
      event
          .putObject("event")
          .put("kind", "event")
          .put("action", action)
          .put("outcome", random.nextInt(4) == 0 ? "failure" : "success");
      if (random.nextInt(30) != 0) {
        event.putObject("user").put("name", "user" + user);
      }
      if (random.nextInt(20) != 0) {
        event.putObject("device").put("id", "device" + device);
      }
      event.putObject("host").put("name", "host" + device);
      event.putObject("source").put("ip", "10.0." + device + "." + user);
      alerts.add(new Alert(i, at, event));
    }
    return alerts;
  }
}
