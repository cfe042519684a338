package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.Alert;
import dev.bulwark.rules.reference.CorporateNetworks;
import dev.bulwark.rules.reference.Identity;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bundled "impossible travel" rule reads one {@link LoginDay} per user; it replaced a join of
 * two {@link Trace}s per pair of logins (kept in test resources). Both must decide the same on the
 * same alerts: in order or late (beyond the allowed lateness and beyond the day too), at the same
 * instant, from masked networks, without a location, failed or without a user.
 */
class LoginDayEquivalenceTest {

  private static final Instant START = Instant.parse("2025-03-10T00:00:00Z");
  private static final int USERS = 5;
  private static final String CORPORATE_EGRESS = "198.51.100.7";
  // The speed parameter of two logins apart at the same instant: infinite, rounded.
  private static final String SAME_INSTANT = "speedKmh=" + Long.MAX_VALUE;

  /** Cities, some under 500 km apart (New York and Philadelphia, Paris and Brussels). */
  private static final double[][] CITIES = {
    {40.71, -74.01}, // New York
    {39.95, -75.17}, // Philadelphia
    {48.86, 2.35}, // Paris
    {50.85, 4.35}, // Brussels
    {51.51, -0.13}, // London
    {35.68, 139.69}, // Tokyo
    {-33.87, 151.21}, // Sydney
    {6.52, 3.38}, // Lagos
  };

  @Test
  void theDayAggregateDecidesWhatTheJoinOfTracesDecided() {
    ReferenceData reference = ReferenceData.withDefaults();
    reference.replaceCorporateNetworks(
        CorporateNetworks.parse("test", List.of(CORPORATE_EGRESS + "/32")));
    reference.replaceIdentities(newHiresUntil(LocalDate.ofInstant(START, ZoneOffset.UTC)));
    List<Alert> alerts = stream(new Random(7), 4_000);

    SideBySide.Replay replay;
    try (SideBySide rules =
        new SideBySide(
            "initial_access_impossible_travel.drl",
            "evaluator/travel_one_trace_per_login.drl",
            reference)) {
      replay =
          rules.replay(
              alerts,
              alert -> isComparedLogin(alert, reference),
              DroolsRuleEvaluator::loginSamples);
    }
    // The stream must exercise the rule and its edges, or the comparison says nothing.
    assertThat(replay.decisions()).hasSizeGreaterThan(1_000);
    assertThat(replay.decisions()).anyMatch(decision -> decision.contains(SAME_INSTANT));
    assertThat(replay.onLateEvents()).isGreaterThan(100);
    assertThat(replay.onEventsPastTheirDay()).isPositive();
  }

  /**
   * Each user stops being a new hire on another day of the stream (the 3rd, 13th, ... 43rd): the
   * risk of a pair across that midnight (x1.5 before it) then tells which login was taken as the
   * later one, the trigger, whose time it weighs.
   */
  private static List<Identity> newHiresUntil(LocalDate start) {
    List<Identity> identities = new ArrayList<>();
    for (int user = 0; user < USERS; user++) {
      LocalDate lastDay = start.plusDays(2 + 10L * user);
      LocalDate hired = lastDay.minusDays(ReferenceData.NEW_HIRE_DAYS - 1);
      identities.add(new Identity("user" + user, null, "US", hired, null, null, false));
    }
    return identities;
  }

  /** Whether the rule compares this login: a located success of a user, not masked. */
  private static boolean isComparedLogin(Alert alert, ReferenceData reference) {
    AlertEvent login = new AlertEvent(alert);
    if (!"user-login".equals(login.getAction())) {
      return false;
    }
    Trace trace =
        new Trace(
            login, reference.isCorporate(login.getSourceIp()) || reference.isAnonymising(login));
    return "success".equals(trace.getOutcome())
        && trace.getUserName() != null
        && trace.isLocated()
        && !trace.isMaskedNetwork();
  }

  /**
   * Logins of five users over eight weeks, 1-40 min apart, mostly from each user's home city, one
   * in four from a random city near or far; 1 in 10 arrives up to 30 h late, 1 in 25 shares the
   * previous login's time, 1 in 15 is from a masked network (a VPN tag or the corporate egress), 1
   * in 15 has no location (or half of one), 1 in 8 failed, 1 in 50 has no user, 1 in 30 is an MFA
   * challenge instead.
   */
  private static List<Alert> stream(Random random, int count) {
    List<Alert> alerts = new ArrayList<>();
    ArrivalClock clock = new ArrivalClock(random, START, 60, 40 * 60, 10, 25);
    for (int i = 1; i <= count; i++) {
      Instant at = clock.next();
      int user = random.nextInt(USERS);
      ObjectNode event = TestAlerts.JSON.createObjectNode();
      event.put("@timestamp", at.toString());
      event
          .putObject("event")
          .put("kind", "event")
          .put("action", random.nextInt(30) == 0 ? "mfa-challenge" : "user-login")
          .put("outcome", random.nextInt(8) == 0 ? "failure" : "success");
      if (random.nextInt(50) != 0) {
        event.putObject("user").put("name", "user" + user);
      }
      event.putObject("host").put("name", "laptop" + user);
      ObjectNode source = event.putObject("source").put("ip", "100.64." + user + "." + (i % 250));
      int masked = random.nextInt(30);
      if (masked == 0) {
        event.putArray("tags").add("vpn");
      } else if (masked == 1) {
        source.put("ip", CORPORATE_EGRESS);
      }
      double[] city = CITIES[random.nextInt(4) == 0 ? random.nextInt(CITIES.length) : user];
      int located = random.nextInt(30);
      if (located > 1) {
        source.putObject("geo").putObject("location").put("lat", city[0]).put("lon", city[1]);
      } else if (located == 1) {
        source.putObject("geo").putObject("location").put("lat", city[0]);
      }
      alerts.add(new Alert(i, at, event));
    }
    return alerts;
  }
}
