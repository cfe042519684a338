package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.incident.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metadata as the executable model hands it over: the annotation's source text, quotes and all. */
class RuleMetadataTest {

  private static final String ID = "\"0c9e2b1a-7f3d-4e5c-8a6b-1d2e3f4a5b6c\"";

  @Test
  void quotedValuesAreUnquotedAndMissingOptionalsTakeDefaults() {
    RuleMetadata metadata =
        RuleMetadata.of("Rule", Map.of("id", ID, "severity", "\"medium\"", "risk", "47"));

    assertThat(metadata.id()).isEqualTo("0c9e2b1a-7f3d-4e5c-8a6b-1d2e3f4a5b6c");
    assertThat(metadata.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(metadata.risk()).isEqualTo(47);
    assertThat(metadata.playbook()).isNull();
    assertThat(metadata.window()).isEqualTo(RuleMetadata.DEFAULT_WINDOW);
  }

  @Test
  void riskMayBeANumberOrQuotedDigits() {
    assertThat(RuleMetadata.of("Rule", Map.of("id", ID, "severity", "low", "risk", 5)).risk())
        .isEqualTo(5);
    assertThat(RuleMetadata.of("Rule", Map.of("id", ID, "severity", "low", "risk", "\"5\"")).risk())
        .isEqualTo(5);
  }

  @Test
  void everyProblemIsListedAndTheRuleNamed() {
    assertThatThrownBy(() -> RuleMetadata.of("Noisy rule", Map.of("risk", "73.5", "window", "ten")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("rule \"Noisy rule\" has invalid metadata: @id is missing")
        .hasMessageContaining("@severity is missing")
        .hasMessageContaining("@risk must be an integer from 0 to 100, got 73.5")
        .hasMessageContaining("@window: expected a duration like 10m");
  }

  @Test
  void durationsCombineUnits() {
    assertThat(RuleMetadata.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(RuleMetadata.parseDuration("0s")).isEqualTo(Duration.ZERO);
    assertThat(RuleMetadata.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(RuleMetadata.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void aWindowLongerThanAlertsAreKeptIsAProblem() {
    List<String> problems = new ArrayList<>();

    RuleMetadata.read(
        "Rule",
        Map.of("id", ID, "severity", "low", "risk", "1", "window", "\"1d1m\""),
        null,
        problems);

    assertThat(problems).singleElement().asString().startsWith("@window must be at most 24h");
  }
}
