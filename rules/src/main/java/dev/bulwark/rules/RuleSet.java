package dev.bulwark.rules;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.kie.api.KieBase;

/**
 * A compiled, validated set of rules: a STREAM-mode KieBase (shareable, thread-safe) and what each
 * rule declares. Sessions are cheap; build one per evaluator with {@code new
 * DroolsRuleEvaluator(ruleSet)}.
 */
public final class RuleSet {

  private final KieBase kieBase;
  private final List<RuleMetadata> rules;
  private final Duration longestWindow;

  RuleSet(KieBase kieBase, List<RuleMetadata> rules) {
    this.kieBase = Objects.requireNonNull(kieBase, "kieBase");
    this.rules = List.copyOf(rules);
    this.longestWindow =
        rules.stream()
            .map(RuleMetadata::window)
            .max(Comparator.naturalOrder())
            .orElse(Duration.ZERO);
  }

  public KieBase kieBase() {
    return kieBase;
  }

  /** The rules, ordered by file and then rule name. */
  public List<RuleMetadata> rules() {
    return rules;
  }

  /**
   * The longest {@code @window} of any rule (a rule without one counts as {@link
   * RuleMetadata#DEFAULT_WINDOW}): how much event time a restart must replay to rebuild windows.
   */
  public Duration longestWindow() {
    return longestWindow;
  }

  /**
   * How much event time a restart must replay so that the rebuilt session decides as the lost one
   * would have: the longest window plus the allowed lateness, because an alert arriving up to
   * {@link AlertEvent#ALLOWED_LATENESS} late still correlates with the alerts of its window. Zero
   * when no rule looks back at all.
   */
  public Duration replayWindow() {
    return longestWindow.isZero() ? Duration.ZERO : longestWindow.plus(AlertEvent.ALLOWED_LATENESS);
  }

  @Override
  public String toString() {
    return "RuleSet["
        + rules.size()
        + " rules, longest window "
        + longestWindow
        + ", replay window "
        + replayWindow()
        + "]";
  }
}
