package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bulwark.core.incident.Severity;
import dev.bulwark.rules.RuleCompilationException.Problem;
import java.time.Duration;
import java.util.Map;
import org.drools.core.impl.InternalRuleBase;
import org.junit.jupiter.api.Test;
import org.kie.api.conf.EventProcessingOption;

class RuleSetCompilerTest {

  private final RuleSetCompiler compiler = new RuleSetCompiler();

  @Test
  void bundledRulesCompileInStreamModeWithTheirMetadata() {
    RuleSet ruleSet = BundledRules.ruleSet();

    assertThat(
            ((InternalRuleBase) ruleSet.kieBase())
                .getConfiguration()
                .getOption(EventProcessingOption.KEY))
        .isEqualTo(EventProcessingOption.STREAM);
    assertThat(ruleSet.rules())
        .extracting(RuleMetadata::file)
        .containsExactlyElementsOf(RuleSources.bundled().keySet());
    RuleMetadata bruteForce =
        ruleSet.rules().stream()
            .filter(rule -> rule.file().equals("credential_access_brute_force_success.drl"))
            .findFirst()
            .orElseThrow();
    assertThat(bruteForce.id()).isEqualTo("9a585ab2-36fb-4e32-a3b4-0cc1562688fa");
    assertThat(bruteForce.name()).isEqualTo("Brute force followed by a successful login");
    assertThat(bruteForce.severity()).isEqualTo(Severity.HIGH);
    assertThat(bruteForce.risk()).isEqualTo(73);
    assertThat(bruteForce.playbook()).isEqualTo("contain_compromised_account");
    assertThat(bruteForce.window()).isEqualTo(Duration.ofMinutes(10));
    // Impossible travel, one device for many accounts and latency look back a day.
    assertThat(ruleSet.longestWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(ruleSet.version()).matches("[0-9a-f]{12}");
  }

  @Test
  void aSyntaxErrorNamesTheFileAndLine() {
    RuleCompilationException error =
        catchThrowableOfType(
            RuleCompilationException.class,
            () -> compiler.compileDirectory(TestAlerts.folder("compiler/syntax_error")));

    assertThat(error.problems()).isNotEmpty();
    Problem first = error.problems().get(0);
    assertThat(first.file()).isEqualTo("broken_syntax.drl");
    // The pattern opened on line 12 is still open when `then` comes on line 13, at its start.
    assertThat(first.line()).isBetween(12, 13);
    assertThat(first.column()).isPositive();
    assertThat(error)
        .hasMessageContaining("broken_syntax.drl:" + first.line() + ":" + first.column() + ": ");
  }

  @Test
  void aFieldAlertEventDoesNotHaveIsLocatedInTheDrl() {
    assertThatThrownBy(() -> compiler.compileDirectory(TestAlerts.folder("compiler/unknown_field")))
        .isInstanceOf(RuleCompilationException.class)
        .hasMessageContaining("unknown_field.drl:13:26: ")
        .hasMessageContaining("passwordHash");
  }

  @Test
  void anErrorInAConsequenceIsLocatedInTheDrlNotInGeneratedJava() {
    RuleCompilationException error =
        catchThrowableOfType(
            RuleCompilationException.class,
            () -> compiler.compileDirectory(TestAlerts.folder("compiler/bad_consequence")));

    assertThat(error.problems()).hasSize(1);
    assertThat(error.problems().get(0).file()).isEqualTo("bad_consequence.drl");
    assertThat(error.problems().get(0).line()).isEqualTo(14);
    // `incidnt(` in `    decisions.incidnt(drools, $alert);`
    assertThat(error.problems().get(0).column()).isEqualTo(15);
    assertThat(error.problems().get(0).text()).contains("incidnt");
  }

  @Test
  void aRuleMissingItsIdIsRejectedNamingTheRule() {
    assertThatThrownBy(() -> compiler.compileDirectory(TestAlerts.folder("compiler/missing_id")))
        .isInstanceOf(RuleCompilationException.class)
        .hasMessageContaining("missing_id.drl:7: rule \"Rule without an id\": @id is missing");
  }

  @Test
  void everyMetadataProblemIsReportedWithFileAndLine() {
    RuleCompilationException error =
        catchThrowableOfType(
            RuleCompilationException.class,
            () -> compiler.compileDirectory(TestAlerts.folder("compiler/invalid_metadata")));

    assertThat(error.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "bad_values.drl:7: rule \"Rule with bad values\": @id must be a UUID (8-4-4-4-12 hex"
                + " digits), got \"not-a-uuid\"",
            "bad_values.drl:7: rule \"Rule with bad values\": @severity must be one of low,"
                + " medium, high, critical; got urgent",
            "bad_values.drl:7: rule \"Rule with bad values\": @risk must be an integer from 0 to"
                + " 100, got 120",
            "bad_values.drl:7: rule \"Rule with bad values\": @window must be at most 24h (traces"
                + " expire 25h after their event time, alerts 2h, 1h of which is allowed lateness),"
                + " got 26h",
            "duplicate_ids.drl:17: rule \"Second rule with the same id\": @id"
                + " 0c9e2b1a-7f3d-4e5c-8a6b-1d2e3f4a5b6c is already used by rule \"First rule with"
                + " the id\" in duplicate_ids.drl");
  }

  @Test
  void aFileNameThatIsNotADrlIsRejected() {
    assertThatThrownBy(() -> compiler.compile(Map.of("rules.txt", "package x;")))
        .isInstanceOf(RuleCompilationException.class)
        .hasMessageContaining("rules.txt: a rule file name must");
  }
}
