package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.rules.Decision;
import dev.bulwark.rules.reference.ReferenceData;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A bundled day-long rule and its former form over one {@link Trace} per event ({@code
 * evaluator/*_one_trace_per_*.drl}), each in an evaluator of its own, fed the same alerts: what the
 * equivalence tests of the day aggregates compare after every alert.
 */
final class SideBySide implements AutoCloseable {

  private final DroolsRuleEvaluator former;
  private final DroolsRuleEvaluator current;

  /**
   * @param bundledFile the rule's file in the bundled pack
   * @param formerResource the test resource of its former form
   */
  SideBySide(String bundledFile, String formerResource, ReferenceData reference) {
    RuleSetCompiler compiler = new RuleSetCompiler();
    this.former =
        new DroolsRuleEvaluator(
            compiler.compile(Map.of(bundledFile, TestAlerts.text(formerResource))), reference);
    this.current =
        new DroolsRuleEvaluator(
            compiler.compile(
                Map.of(bundledFile, TestAlerts.text(RuleSources.BUNDLED_FOLDER + bundledFile))),
            reference);
  }

  /** Evaluates the alert with both and requires the same decisions; returns them, described. */
  List<String> evaluate(Alert alert) {
    List<String> expected = described(former.evaluate(alert));
    List<String> actual = described(current.evaluate(alert));
    assertThat(actual).as("decisions at alert %d", alert.seq()).isEqualTo(expected);
    return expected;
  }

  /** The evaluator of the rule as bundled, to ask what its days hold. */
  DroolsRuleEvaluator current() {
    return current;
  }

  @Override
  public void close() {
    former.close();
    current.close();
  }

  /** Each decision by rule, trigger, points, evidence, entities and parameters; in any order. */
  private static List<String> described(List<Decision> decisions) {
    return decisions.stream()
        .map(
            d ->
                String.join(
                    " ",
                    d.ruleId(),
                    d.entityKey(),
                    String.valueOf(d.riskScore()),
                    String.valueOf(d.alertSeqs()),
                    String.valueOf(d.entities()),
                    String.valueOf(d.parameters())))
        .sorted(Comparator.naturalOrder())
        .toList();
  }
}
