package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.rules.scenario.ScenarioRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner behind {@code POST /api/v1/rules/test} and {@code bulwark.jar rules test DIR}. */
class ScenarioRunnerTest {

  private final ScenarioRunner runner =
      new ScenarioRunner(BundledRules.ruleSet(), BundledRules.scenarioReference());

  @Test
  void everyBundledScenarioPassesThroughTheRunner() {
    List<ScenarioRunner.Scenario> scenarios =
        ScenarioRunner.fromDirectory(TestAlerts.folder(BundledRuleScenariosTest.SCENARIOS));

    assertThat(scenarios).hasSizeGreaterThan(40);
    assertThat(scenarios).allSatisfy(s -> assertThat(runner.run(s).passed()).as(s.name()).isTrue());
  }

  @Test
  void aWrongExpectationFailsAndShowsWhatTheRulesDecided() {
    ScenarioRunner.Scenario pikvm =
        ScenarioRunner.fromDirectory(TestAlerts.folder("scenarios/initial_access_ip_kvm_hardware"))
            .stream()
            .filter(s -> s.name().equals("pikvm_connected_fires"))
            .findFirst()
            .orElseThrow();
    JsonNode wrong =
        TestAlerts.json(
            "{\"ruleId\": \"3e6a9f2c-8b4d-4d17-a2e6-0c5f7b9d1e43\", \"riskScore\": 50}", "test");

    ScenarioRunner.Result result =
        runner.run(new ScenarioRunner.Scenario(pikvm.name(), pikvm.events(), List.of(wrong)));

    assertThat(result.passed()).isFalse();
    assertThat(result.actual())
        .singleElement()
        .satisfies(d -> assertThat(d).containsEntry("riskScore", 100));
  }
}
