package dev.bulwark.core.rules;

import dev.bulwark.core.alert.Alert;
import java.util.List;

/**
 * Evaluates alerts in journal order on event time and returns the decisions its rules made. Holds
 * correlation state (windows) between calls; not thread-safe: one processor feeds it.
 */
public interface RuleEvaluator extends AutoCloseable {

  /** Inserts the alert, fires the rules, and returns what they decided. */
  List<Decision> evaluate(Alert alert);

  /**
   * Inserts the alert to rebuild correlation state after a restart, discarding any decision: the
   * alert was evaluated before the restart and its decisions are already incidents.
   */
  void warmUp(Alert alert);

  /** The longest window of event time a rule looks back over; what a restart must replay. */
  java.time.Duration longestWindow();

  @Override
  void close();
}
