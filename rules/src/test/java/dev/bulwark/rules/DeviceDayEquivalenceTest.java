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

    int fired = 0;
    int firedLate = 0;
    List<Alert> seen = new ArrayList<>();
    Instant now = Instant.EPOCH;
    try (SideBySide rules =
        new SideBySide(
            RULE_FILE, "evaluator/device_one_trace_per_event.drl", ReferenceData.withDefaults())) {
      for (Alert alert : alerts) {
        List<String> expected = rules.evaluate(alert);
        fired += expected.size();
        seen.add(alert);
        if (alert.timestamp().isBefore(now)) {
          firedLate += expected.size();
        }
        now = alert.timestamp().isAfter(now) ? alert.timestamp() : now;
        assertThat(rules.current().deviceUses())
            .as("events held after alert %d at %s", alert.seq(), alert.timestamp())
            .isEqualTo(heldAt(seen, now));
      }
    }
    // The stream must exercise the rule, late events included, or the comparison says nothing.
    assertThat(fired).isGreaterThan(200);
    assertThat(firedLate).isGreaterThan(20);
  }

  /** Each login or MFA challenge with a device and a user, until its trace would have expired. */
  private static long heldAt(List<Alert> seen, Instant now) {
    Instant oldestKept = now.minus(Trace.EXPIRY);
    return seen.stream()
        .filter(alert -> alert.document().has("user") && alert.document().has("device"))
        .filter(alert -> !alert.document().path("event").path("action").asText().equals("other"))
        .filter(alert -> !alert.timestamp().isBefore(oldestKept))
        .count();
  }

  /**
   * Logins and MFA challenges of eight users on four devices over four days, 5-60 min apart, each
   * user mostly on their own device and now and then on another; 1 in 12 arrives up to 30 h late, 1
   * in 25 shares the previous event's time, 1 in 20 has no device, 1 in 30 no user, 1 in 30 is
   * another action with a device.
   */
  private static List<Alert> stream(Random random, int count) {
    List<Alert> alerts = new ArrayList<>();
    Instant clock = START;
    Instant previous = START;
    for (int i = 1; i <= count; i++) {
      clock = clock.plusSeconds(300 + random.nextInt(55 * 60));
      int user = random.nextInt(8);
      Instant at = clock;
      if (random.nextInt(12) == 0) {
        at = clock.minusSeconds(random.nextInt(30 * 3600));
      } else if (random.nextInt(25) == 0) {
        at = previous;
      }
      previous = at;
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
