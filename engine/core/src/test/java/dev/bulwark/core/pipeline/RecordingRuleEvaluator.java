package dev.bulwark.core.pipeline;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Severity;
import dev.bulwark.core.rules.Decision;
import dev.bulwark.core.rules.RuleEvaluator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A one-rule evaluator for tests: every alert with {@code event.kind: alert} makes an incident
 * about its user, with a risk of 10 per alert of that user seen within the window (so a warmed-up
 * evaluator decides differently from a cold one). Records what it was fed.
 */
final class RecordingRuleEvaluator implements RuleEvaluator {

  static final String RULE_ID = "suspicious-user";

  final List<Long> evaluated = new ArrayList<>();
  final List<Long> warmedUp = new ArrayList<>();
  boolean closed;
  long failOnSeq = -1;

  /** Runs before each evaluation, e.g. to let another engine node commit in the meantime. */
  Runnable whileEvaluating = () -> {};

  private final Duration window;
  private final List<Alert> seen = new ArrayList<>();

  RecordingRuleEvaluator(Duration window) {
    this.window = window;
  }

  @Override
  public List<Decision> evaluate(Alert alert) {
    if (closed) {
      throw new IllegalStateException("evaluate() after close()");
    }
    whileEvaluating.run();
    if (alert.seq() == failOnSeq) {
      throw new IllegalStateException("rule blew up on alert " + alert.seq());
    }
    evaluated.add(alert.seq());
    if (!remember(alert)) {
      return List.of();
    }
    long inWindow =
        seen.stream()
            .filter(other -> alert.userName().equals(other.userName()))
            .filter(other -> !other.timestamp().isBefore(alert.timestamp().minus(window)))
            .filter(other -> !other.timestamp().isAfter(alert.timestamp()))
            .count();
    return List.of(
        new Decision(
            RULE_ID,
            "Suspicious user",
            Severity.MEDIUM,
            (int) Math.min(100, 10 * inWindow),
            "user:" + alert.userName(),
            new Entities(List.of(alert.userName()), List.of(), List.of()),
            List.of(alert.seq()),
            null,
            Map.of()));
  }

  @Override
  public void warmUp(Alert alert) {
    warmedUp.add(alert.seq());
    remember(alert);
  }

  private boolean remember(Alert alert) {
    if ("alert".equals(alert.text("event.kind"))) {
      seen.add(alert);
      return true;
    }
    return false;
  }

  @Override
  public Duration longestWindow() {
    return window;
  }

  @Override
  public void close() {
    closed = true;
  }
}
