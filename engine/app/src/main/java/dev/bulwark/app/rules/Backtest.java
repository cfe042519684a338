package dev.bulwark.app.rules;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.ScratchIncidentStore;
import dev.bulwark.core.journal.AlertJournal;
import dev.bulwark.core.pipeline.IncidentService;
import dev.bulwark.core.risk.InMemoryRiskStore;
import dev.bulwark.core.risk.RiskPolicy;
import dev.bulwark.core.risk.RiskService;
import dev.bulwark.core.rules.Decision;
import dev.bulwark.rules.DroolsRuleEvaluator;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs two rule sets over the journal between two event times without side effects: incidents and
 * risk go to scratch stores in memory, nothing is journaled, no playbook starts. Alerts of the
 * replay window before {@code from} warm the sessions up first, so windows open at {@code from} as
 * they would have live. Compares the incidents each set would have opened, by correlation key.
 *
 * <p>Both sets read the journal up to the position it had when the backtest started: alerts that
 * arrive meanwhile would otherwise reach only the second run and show up as incidents it "gained".
 */
final class Backtest {

  private static final int PAGE = 1000;

  private final AlertJournal journal;
  private final ReferenceData reference;
  private final RiskPolicy policy;
  private final Clock clock;
  private final AtomicLong processed = new AtomicLong();
  private volatile String phase = "starting";
  private volatile int percent;

  Backtest(AlertJournal journal, ReferenceData reference, RiskPolicy policy, Clock clock) {
    this.journal = journal;
    this.reference = reference;
    this.policy = policy;
    this.clock = clock;
  }

  /** Alerts evaluated so far (by both sets together). */
  long processed() {
    return processed.get();
  }

  /** Which set is being run: {@code live rules}, {@code candidate rules}, then {@code done}. */
  String phase() {
    return phase;
  }

  /** How much of the whole backtest (both runs) is done, 0-100, by journal position. */
  int percent() {
    return percent;
  }

  Map<String, Object> compare(RuleSet live, RuleSet candidate, Instant from, Instant to) {
    long upToSeq = journal.lastSeq();
    phase = "live rules";
    Map<String, Incident> liveIncidents = run(live, from, to, upToSeq, 0);
    phase = "candidate rules";
    Map<String, Incident> candidateIncidents = run(candidate, from, to, upToSeq, 1);
    phase = "done";
    percent = 100;
    TreeSet<String> keys = new TreeSet<>(liveIncidents.keySet());
    keys.addAll(candidateIncidents.keySet());
    List<Map<String, Object>> added = new ArrayList<>();
    List<Map<String, Object>> lost = new ArrayList<>();
    List<Map<String, Object>> unchanged = new ArrayList<>();
    for (String key : keys) {
      Incident before = liveIncidents.get(key);
      Incident after = candidateIncidents.get(key);
      if (before == null) {
        added.add(summary(after));
      } else if (after == null) {
        lost.add(summary(before));
      } else {
        unchanged.add(summary(after));
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("from", from.toString());
    result.put("to", to.toString());
    result.put("liveVersion", live.version());
    result.put("candidateVersion", candidate.version());
    result.put("new", added);
    result.put("lost", lost);
    result.put("unchanged", unchanged);
    return result;
  }

  /**
   * One set over the journal up to {@code upToSeq}; {@code pass} (0 or 1) places its progress in
   * the first or second half of the whole.
   */
  private Map<String, Incident> run(
      RuleSet rules, Instant from, Instant to, long upToSeq, int pass) {
    ScratchIncidentStore incidents = new ScratchIncidentStore();
    RiskService risk = new RiskService(new InMemoryRiskStore(), incidents, policy, clock);
    IncidentService incidentService = new IncidentService(incidents, clock);
    Instant since = from.minus(rules.replayWindow());
    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(rules, reference)) {
      long after = 0;
      long first = -1;
      Map<Long, Alert> bySeq = new HashMap<>();
      while (true) {
        // Nothing after `to` changes what the sets decide up to it: it is not read at all.
        List<Alert> page = journal.readWindow(after, upToSeq, since, to, PAGE);
        if (page.isEmpty()) {
          break;
        }
        if (first < 0) {
          first = page.get(0).seq() - 1;
        }
        bySeq.clear();
        for (Alert alert : page) {
          bySeq.put(alert.seq(), alert);
          if (alert.timestamp().isBefore(from)) {
            evaluator.warmUp(alert);
          } else {
            for (Decision decision : evaluator.evaluate(alert)) {
              if (decision.kind() == Decision.Kind.RISK) {
                risk.apply(decision, bySeq);
              } else {
                incidentService.apply(decision, bySeq);
              }
            }
          }
          processed.incrementAndGet();
        }
        after = page.get(page.size() - 1).seq();
        long done = 100 * (after - first) / Math.max(1, upToSeq - first);
        percent = (int) ((pass * 100 + Math.min(100, done)) / 2);
      }
    }
    Map<String, Incident> byKey = new LinkedHashMap<>();
    // A key may have several incidents (after a containment); the first stands for them.
    incidents.all().forEach(incident -> byKey.putIfAbsent(incident.correlationKey(), incident));
    return byKey;
  }

  private static Map<String, Object> summary(Incident incident) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("correlationKey", incident.correlationKey());
    summary.put("title", incident.title());
    summary.put("severity", incident.severity().label());
    summary.put("riskScore", incident.riskScore());
    summary.put("ruleIds", incident.ruleIds());
    summary.put("alertCount", incident.alertCount());
    return summary;
  }
}
