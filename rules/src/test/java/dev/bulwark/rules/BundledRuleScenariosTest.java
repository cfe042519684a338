package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.rules.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every sample under {@code scenarios/<rule>/}: {@code <name>.ndjson} holds ECS documents in
 * arrival order, {@code <name>.expected.json} the decisions the whole bundled rule set must make.
 * The workforce they run against is {@code scenarios/identities.json}, with the corporate egress
 * networks of {@code scenarios/corporate-networks.txt}.
 */
class BundledRuleScenariosTest {

  static final String SCENARIOS = "scenarios";

  record Scenario(String rule, String name) {

    String alerts() {
      return SCENARIOS + "/" + rule + "/" + name + ".ndjson";
    }

    String expected() {
      return SCENARIOS + "/" + rule + "/" + name + ".expected.json";
    }

    @Override
    public String toString() {
      return rule + "/" + name;
    }
  }

  static List<Scenario> scenarios() throws IOException {
    List<Scenario> scenarios = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TestAlerts.folder(SCENARIOS), 2)) {
      files
          .filter(file -> file.getFileName().toString().endsWith(".ndjson"))
          .sorted()
          .forEach(
              file ->
                  scenarios.add(
                      new Scenario(
                          file.getParent().getFileName().toString(),
                          file.getFileName().toString().replace(".ndjson", ""))));
    }
    return scenarios;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void bundledRulesDecideAsTheScenarioExpects(Scenario scenario) {
    List<Alert> alerts = TestAlerts.ndjson(scenario.alerts());
    JsonNode expected =
        TestAlerts.json(TestAlerts.text(scenario.expected()), scenario.expected()).get("decisions");

    List<Decision> decisions = new ArrayList<>();
    try (DroolsRuleEvaluator evaluator =
        new DroolsRuleEvaluator(BundledRules.ruleSet(), BundledRules.scenarioReference())) {
      alerts.forEach(alert -> decisions.addAll(evaluator.evaluate(alert)));
    }

    assertThat(decisions).as("decisions of %s", scenario).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertMatches(decisions.get(i), expected.get(i), scenario + " decision " + (i + 1));
    }
  }

  private static void assertMatches(Decision decision, JsonNode expected, String what) {
    assertThat(decision.ruleId()).as("%s ruleId", what).isEqualTo(expected.get("ruleId").asText());
    assertThat(decision.entityKey())
        .as("%s entityKey", what)
        .isEqualTo(expected.get("entityKey").asText());
    List<Long> seqs = new ArrayList<>();
    expected.get("alertSeqs").forEach(seq -> seqs.add(seq.asLong()));
    assertThat(decision.alertSeqs()).as("%s alertSeqs", what).isEqualTo(seqs);
    if (expected.has("severity")) {
      assertThat(decision.severity().label())
          .as("%s severity", what)
          .isEqualTo(expected.get("severity").asText());
    }
    if (expected.has("riskScore")) {
      assertThat(decision.riskScore())
          .as("%s riskScore", what)
          .isEqualTo(expected.get("riskScore").asInt());
    }
    if (expected.has("kind")) {
      assertThat(decision.kind().name())
          .as("%s kind", what)
          .isEqualTo(expected.get("kind").asText());
    }
    if (expected.has("playbook")) {
      assertThat(decision.playbook())
          .as("%s playbook", what)
          .isEqualTo(expected.get("playbook").asText());
    }
  }
}
