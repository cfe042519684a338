package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.rules.Decision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each partition kind's evaluator decides exactly what its rules decide (ADR 0802). */
class PartitionedEvaluatorTest {

  private static final String ONE_DEVICE =
      "scenarios/initial_access_one_device_many_accounts/three_accounts_on_one_laptop_within_a_day_fires.ndjson";
  private static final String BRUTE_FORCE =
      "scenarios/credential_access_brute_force_success/five_failures_then_success.ndjson";
  private static final String ONE_DEVICE_ID = "e8a3d1f7-6c2b-4e90-a4d5-3f1b8c7e2a69";
  private static final String BRUTE_FORCE_ID = "9a585ab2-36fb-4e32-a3b4-0cc1562688fa";

  @Test
  void theBundledPackRunsOnlyTheCrossIdentityRuleGlobally() {
    assertThat(BundledRules.ruleSet().rules())
        .filteredOn(rule -> rule.partition() == RulePartition.GLOBAL)
        .extracting(RuleMetadata::id)
        .containsExactly(ONE_DEVICE_ID);
  }

  @Test
  void theOneDeviceRuleFiresInTheGlobalSessionAndNotInAnIdentitySession() {
    assertThat(ruleIds(RulePartition.GLOBAL, ONE_DEVICE)).contains(ONE_DEVICE_ID);
    assertThat(ruleIds(RulePartition.IDENTITY, ONE_DEVICE)).doesNotContain(ONE_DEVICE_ID);
  }

  @Test
  void theBruteForceRuleFiresInAnIdentitySessionAndNotInTheGlobalOne() {
    assertThat(ruleIds(RulePartition.IDENTITY, BRUTE_FORCE)).contains(BRUTE_FORCE_ID);
    assertThat(ruleIds(RulePartition.GLOBAL, BRUTE_FORCE)).isEmpty();
  }

  private static List<String> ruleIds(RulePartition partition, String scenario) {
    List<String> fired = new ArrayList<>();
    try (DroolsRuleEvaluator evaluator =
        new DroolsRuleEvaluator(
            BundledRules.ruleSet(),
            dev.bulwark.rules.reference.ReferenceData.withDefaults(),
            partition)) {
      for (Alert alert : TestAlerts.ndjson(scenario)) {
        evaluator.evaluate(alert).stream().map(Decision::ruleId).forEach(fired::add);
      }
    }
    return fired;
  }
}
