package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.rules.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DroolsRuleEvaluatorTest {

  private static final String BRUTE_FORCE =
      "scenarios/credential_access_brute_force_success/five_failures_then_success.ndjson";

  @Test
  void alertsExpireOnceTheEventClockPassesTheirExpirySoMemoryStaysBounded() {
    // Repository clones of five users at 09:00, 09:30, 10:00, 11:15, 13:20. The bulk-clone rule
    // looks back 1h, so a clone is kept for 1h + 1h of allowed lateness of event time.
    List<Alert> alerts = TestAlerts.ndjson("evaluator/alerts_hours_apart.ndjson");
    List<Long> held = new ArrayList<>();

    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(BundledRules.ruleSet())) {
      for (Alert alert : alerts) {
        evaluator.evaluate(alert);
        held.add(evaluator.factCount());
      }
    }

    // At 11:15 the 09:00 alert has expired; at 13:20 all but the newest have.
    assertThat(held).containsExactly(1L, 2L, 3L, 3L, 1L);
  }

  @Test
  void anAlertNoRuleLooksBackAtIsNotHeldOnceItsOwnRulesHaveFired() {
    // Process starts: only the single-alert remote-tool rule reads them.
    List<Alert> alerts = TestAlerts.ndjson("evaluator/process_starts_hours_apart.ndjson");

    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(BundledRules.ruleSet())) {
      for (Alert alert : alerts) {
        evaluator.evaluate(alert);
        assertThat(evaluator.factCount()).isZero();
      }
    }
  }

  @Test
  void aDroppedAlertHasStillFiredItsOwnRules() {
    List<Alert> alerts =
        TestAlerts.ndjson(
            "scenarios/command_and_control_remote_access_tool/anydesk_on_an_engineers_laptop_fires.ndjson");

    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(BundledRules.ruleSet())) {
      List<Decision> decisions = new ArrayList<>();
      alerts.forEach(alert -> decisions.addAll(evaluator.evaluate(alert)));

      assertThat(decisions).extracting(Decision::ruleName).contains("Remote-control tool started");
      assertThat(evaluator.factCount()).isZero();
    }
  }

  @Test
  void theClockFollowsEventTimeAndALateAlertDoesNotMoveItBack() {
    List<Alert> alerts =
        TestAlerts.ndjson(
            "scenarios/credential_access_brute_force_success/late_failure_within_window_counts.ndjson");

    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(BundledRules.ruleSet())) {
      alerts.forEach(evaluator::evaluate);

      assertThat(evaluator.eventTime()).isEqualTo(Instant.parse("2025-03-10T09:05:00Z"));
      assertThat(evaluator.factCount()).isEqualTo(alerts.size());
    }
  }

  @Test
  void warmUpRebuildsWindowsWithoutEmittingDecisions() {
    List<Alert> alerts = TestAlerts.ndjson(BRUTE_FORCE);
    List<Alert> beforeRestart = alerts.subList(0, 5);
    Alert afterRestart = alerts.get(5);

    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(BundledRules.ruleSet())) {
      beforeRestart.forEach(evaluator::warmUp);
      List<Decision> decisions = evaluator.evaluate(afterRestart);

      assertThat(decisions).hasSize(1);
      assertThat(decisions.get(0).alertSeqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }
  }

  @Test
  void warmUpDiscardsTheDecisionsOfReplayedAlerts() {
    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(BundledRules.ruleSet())) {
      TestAlerts.ndjson(BRUTE_FORCE).forEach(evaluator::warmUp);

      List<Decision> next =
          evaluator.evaluate(
              TestAlerts.ndjson(
                      "scenarios/initial_access_high_risk_siem_alert/risk_72_alert_does_not_fire.ndjson")
                  .get(0));

      // Only the risk the new alert adds; the brute force of the replayed alerts is not repeated.
      assertThat(next)
          .extracting(Decision::ruleName)
          .containsExactly("SIEM or EDR alert adds its risk to the identity");
    }
  }

  @Test
  void replayingTheSameAlertsInAFreshSessionGivesTheSameDecisions() {
    List<Alert> alerts = TestAlerts.ndjson(BRUTE_FORCE);

    assertThat(decisionsOf(alerts)).isEqualTo(decisionsOf(alerts)).hasSize(1);
  }

  @Test
  void aRestartReplaysTheLongestRuleWindowPlusTheAllowedLateness() {
    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(BundledRules.ruleSet())) {
      assertThat(BundledRules.ruleSet().longestWindow()).isEqualTo(Duration.ofHours(24));
      assertThat(evaluator.longestWindow()).isEqualTo(Duration.ofHours(25));
    }
  }

  @Test
  void aLateAlertAfterARestartCorrelatesAsItWouldHaveWithoutTheRestart() {
    // Five failures 09:00-09:04, an unrelated alert at 09:40, then the success of 09:05 arrives
    // 35 minutes late, after a restart.
    List<Alert> alerts = TestAlerts.ndjson("evaluator/late_success_after_restart.ndjson");
    List<Alert> beforeRestart = alerts.subList(0, 6);
    Alert late = alerts.get(6);

    List<Decision> withoutRestart = decisionsOf(alerts);
    List<Decision> afterRestart;
    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(BundledRules.ruleSet())) {
      // What JournalProcessor replays: the processed alerts of the last longestWindow().
      Instant since = beforeRestart.get(5).timestamp().minus(evaluator.longestWindow());
      beforeRestart.stream()
          .filter(alert -> !alert.timestamp().isBefore(since))
          .forEach(evaluator::warmUp);
      afterRestart = evaluator.evaluate(late);
    }

    assertThat(withoutRestart).hasSize(1);
    assertThat(afterRestart).isEqualTo(withoutRestart);
  }

  private static List<Decision> decisionsOf(List<Alert> alerts) {
    List<Decision> decisions = new ArrayList<>();
    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(BundledRules.ruleSet())) {
      alerts.forEach(alert -> decisions.addAll(evaluator.evaluate(alert)));
    }
    return decisions;
  }
}
