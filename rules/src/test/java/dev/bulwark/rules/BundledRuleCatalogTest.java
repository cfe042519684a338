package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What every bundled rule must carry, beyond compiling: naming, human metadata, evidence. */
class BundledRuleCatalogTest {

  private static final Set<String> TACTICS =
      Set.of(
          "reconnaissance",
          "resource_development",
          "initial_access",
          "execution",
          "persistence",
          "privilege_escalation",
          "defense_evasion",
          "credential_access",
          "discovery",
          "lateral_movement",
          "collection",
          "command_and_control",
          "exfiltration",
          "impact");

  private final List<RuleMetadata> rules = BundledRules.ruleSet().rules();

  @Test
  void eachFileIsNamedAfterAnAttackTacticAndHoldsOneRule() {
    assertThat(rules)
        .extracting(RuleMetadata::file)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(RuleSources.bundled().keySet())
        .allSatisfy(
            file ->
                assertThat(TACTICS)
                    .as("%s must start with an ATT&CK tactic", file)
                    .anyMatch(tactic -> file.matches(tactic + "_[a-z0-9_]+\\.drl")));
  }

  @Test
  void eachRuleHasADescriptionFalsePositivesReferencesAnAttackTechniqueAPlaybookAndAWindow() {
    assertThat(rules)
        .allSatisfy(
            rule -> {
              assertThat(rule.description())
                  .as("@description of %s", rule.file())
                  .hasSizeGreaterThan(40);
              assertThat(rule.mitre())
                  .as("@mitre of %s", rule.file())
                  .matches("T\\d{4}(\\.\\d{3})?");
              assertThat(rule.falsePositives())
                  .as("@falsePositives of %s", rule.file())
                  .hasSizeGreaterThan(20);
              assertThat(rule.references()).as("@references of %s", rule.file()).isNotBlank();
              assertThat(rule.playbook()).as("@playbook of %s", rule.file()).isNotBlank();
              assertThat(rule.window())
                  .as("@window of %s", rule.file())
                  .isLessThanOrEqualTo(RuleMetadata.MAX_WINDOW);
            });
  }

  @Test
  void eachRuleHasScenariosWhereItFiresAndWhereItDoesNot() throws IOException {
    var scenarios =
        BundledRuleScenariosTest.scenarios().stream()
            .collect(Collectors.groupingBy(BundledRuleScenariosTest.Scenario::rule));

    assertThat(rules)
        .allSatisfy(
            rule ->
                assertThat(
                        scenarios.getOrDefault(rule.file().replace(".drl", ""), List.of()).stream()
                            .map(scenario -> fires(scenario, rule.id()))
                            .collect(Collectors.toSet()))
                    .as("scenarios/%s/ must show the rule firing and not firing", rule.file())
                    .containsExactlyInAnyOrder(true, false));
  }

  private static boolean fires(BundledRuleScenariosTest.Scenario scenario, String ruleId) {
    var decisions =
        TestAlerts.json(TestAlerts.text(scenario.expected()), scenario.expected()).get("decisions");
    for (var decision : decisions) {
      if (decision.get("ruleId").asText().equals(ruleId)) {
        return true;
      }
    }
    return false;
  }
}
