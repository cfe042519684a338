package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The session's memory is bounded by the rules' windows, not by how many events went through it:
 * every fact leaves once the longest window of the rules that can match it (plus the allowed
 * lateness) has passed, and a fact no rule looks back at leaves as soon as its own rules fired.
 */
class SessionMemoryBoundTest {

  private static final Instant START = Instant.parse("2025-03-10T00:00:00Z");
  private static final Duration LATENESS = AlertEvent.ALLOWED_LATENESS;
  // What each kind of event leaves behind, from the windows of the bundled rules that match it.
  private static final Duration DAY_RULES = Duration.ofHours(24).plus(LATENESS); // traces
  private static final Duration BRUTE_FORCE = Duration.ofMinutes(10).plus(LATENESS); // logins
  private static final Duration BULK_CLONE = Duration.ofHours(1).plus(LATENESS); // clones

  private final List<Instant> heldUntil = new ArrayList<>();
  private final List<InDay> latencyHeld = new ArrayList<>();
  private final List<InDay> deviceHeld = new ArrayList<>();
  private final List<InDay> loginsHeld = new ArrayList<>();

  /**
   * An event held in the day of {@code key} (a user's latency samples or logins, a device) until
   * {@code until}.
   */
  private record InDay(String key, Instant until) {}

  private long seq;

  @Test
  void afterMoreThanTheLongestWindowOnlyWhatIsStillInsideAWindowIsHeld() {
    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(BundledRules.ruleSet())) {
      // Two days of a 200-person workforce, one event every 13 s of event time.
      Instant at = START;
      for (int i = 0; i < 2 * 86_400 / 13; i++) {
        at = START.plusSeconds(13L * i);
        evaluator.evaluate(event(i, "user" + (i % 200), at));
      }
      assertThat(evaluator.factCount()).isEqualTo(heldAt(at));
      assertThat(evaluator.latencySamples()).isEqualTo(eventsInside(latencyHeld, at));
      assertThat(evaluator.deviceUses()).isEqualTo(eventsInside(deviceHeld, at));
      assertThat(evaluator.loginSamples()).isEqualTo(eventsInside(loginsHeld, at));
      assertThat(evaluator.factCount()).isLessThan(seq / 5);

      // Longer than the longest window later: ten events of each kind within a few minutes.
      Instant later = at.plus(DAY_RULES).plus(Duration.ofHours(1));
      for (int i = 0; i < 100; i++) {
        at = later.plusSeconds(3L * i);
        evaluator.evaluate(event(i, "late" + (i / 10), at));
      }

      // Nothing of the two days is left: 10 login alerts, 10 MFA alerts, 10 failed logins, 10
      // clones, and for each of the 10 users a latency day holding their 40 samples, a login day
      // holding their 10 logins and a day of their device holding their MFA challenges; process
      // starts and EDR alerts are not held, and no trace at all, as no bundled rule reads one.
      assertThat(evaluator.factCount()).isEqualTo(heldAt(at)).isEqualTo(70);
      assertThat(evaluator.latencySamples()).isEqualTo(40);
      assertThat(evaluator.deviceUses()).isEqualTo(10);
      assertThat(evaluator.loginSamples()).isEqualTo(10);
    }
  }

  private long stillInsideAWindow(Instant now) {
    return heldUntil.stream().filter(until -> !until.isBefore(now)).count();
  }

  /** The alerts still inside a window, and one fact per user or device with a day. */
  private long heldAt(Instant now) {
    return stillInsideAWindow(now)
        + daysInside(latencyHeld, now)
        + daysInside(deviceHeld, now)
        + daysInside(loginsHeld, now);
  }

  private static long eventsInside(List<InDay> held, Instant now) {
    return held.stream().filter(event -> !event.until().isBefore(now)).count();
  }

  /**
   * Each user with a latency sample (a login) inside the day is one {@link LatencyDay} ({@link
   * LoginDay}) fact, each device with a login or MFA challenge one {@link DeviceDay}.
   */
  private static long daysInside(List<InDay> held, Instant now) {
    return held.stream()
        .filter(event -> !event.until().isBefore(now))
        .map(InDay::key)
        .distinct()
        .count();
  }

  /** The i-th event of the mix, noting how long the rules keep what it leaves behind. */
  private Alert event(int i, String user, Instant at) {
    ObjectNode event = TestAlerts.JSON.createObjectNode();
    event.put("@timestamp", at.toString());
    ObjectNode ecs = event.putObject("event").put("kind", "event");
    event.putObject("user").put("name", user);
    event.putObject("host").put("name", user + "-laptop");
    switch (i % 10) {
      case 0, 1 -> {
        boolean success = i % 10 == 0;
        ecs.put("action", "user-login").put("outcome", success ? "success" : "failure");
        ecs.putArray("category").add("authentication");
        ObjectNode source = event.putObject("source").put("ip", "100.64.1." + (i % 250));
        source.putObject("as").put("number", 7922).putObject("organization").put("name", "ISP");
        ObjectNode geo = source.putObject("geo").put("country_iso_code", "US");
        geo.putObject("location").put("lat", 40.7).put("lon", -74.0);
        hold(at, BRUTE_FORCE); // the alert, for the brute-force rule
        if (success) {
          // In its user's day of logins, for impossible travel, not a fact of its own.
          loginsHeld.add(new InDay(user, at.plus(DAY_RULES)));
        }
      }
      case 2 -> {
        ecs.put("action", "mfa-challenge").put("outcome", "success");
        ecs.putArray("category").add("authentication");
        event.putObject("device").put("id", "dev-" + user);
        hold(at, BRUTE_FORCE);
        // In its device's day, for one device many accounts, not a fact of its own.
        deviceHeld.add(new InDay("dev-" + user, at.plus(DAY_RULES)));
      }
      case 3, 4, 5, 6 -> {
        ecs.put("action", "input-latency").put("duration", 30_000_000L);
        // A sample in its user's day, for sustained latency, not a fact of its own.
        latencyHeld.add(new InDay(user, at.plus(DAY_RULES)));
      }
      case 7 -> {
        ecs.put("action", "repository-clone");
        event.putObject("url").put("full", "https://git.example.com/repo-" + (i % 7) + ".git");
        hold(at, BULK_CLONE);
      }
      case 8 -> {
        ecs.put("action", "process-started").putArray("type").add("start");
        ecs.putArray("category").add("process");
        event.putObject("process").put("name", "chrome.exe");
      }
      default -> {
        ecs.put("kind", "alert").put("risk_score", 21);
        event.putObject("rule").put("name", "Low-risk EDR alert");
      }
    }
    return new Alert(++seq, at, event);
  }

  private void hold(Instant at, Duration window) {
    heldUntil.add(at.plus(window));
  }
}
