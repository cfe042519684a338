package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.rules.Decision;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

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
  private List<String> evaluate(Alert alert) {
    List<String> expected = described(former.evaluate(alert));
    List<String> actual = described(current.evaluate(alert));
    assertThat(actual).as("decisions at alert %d", alert.seq()).isEqualTo(expected);
    return expected;
  }

  /**
   * Evaluates each alert with both, requiring the same decisions and, after each, that the rule as
   * bundled holds exactly the alerts that {@code kept} accepts among those not older than a {@link
   * Trace} lives before the latest event time seen: its days must forget what the traces forgot.
   *
   * @param held what the bundled rule's evaluator holds, e.g. its latency samples
   */
  Replay replay(
      List<Alert> alerts, Predicate<Alert> kept, ToLongFunction<DroolsRuleEvaluator> held) {
    List<String> decisions = new ArrayList<>();
    int late = 0;
    int pastTheirDay = 0;
    List<Alert> seen = new ArrayList<>();
    Instant now = Instant.EPOCH;
    for (Alert alert : alerts) {
      List<String> expected = evaluate(alert);
      decisions.addAll(expected);
      if (alert.timestamp().isBefore(now)) {
        late += expected.size();
      }
      if (alert.timestamp().isBefore(now.minus(Trace.EXPIRY))) {
        pastTheirDay += expected.size();
      }
      seen.add(alert);
      now = alert.timestamp().isAfter(now) ? alert.timestamp() : now;
      Instant oldestKept = now.minus(Trace.EXPIRY);
      long expectedHeld =
          seen.stream().filter(a -> !a.timestamp().isBefore(oldestKept)).filter(kept).count();
      assertThat(held.applyAsLong(current))
          .as("events held after alert %d at %s", alert.seq(), alert.timestamp())
          .isEqualTo(expectedHeld);
    }
    return new Replay(decisions, late, pastTheirDay);
  }

  /**
   * What a replay decided.
   *
   * @param decisions every decision, described
   * @param onLateEvents how many were decided on an event older than one seen before it
   * @param onEventsPastTheirDay how many on an event older than a trace lives
   */
  record Replay(List<String> decisions, int onLateEvents, int onEventsPastTheirDay) {}

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
