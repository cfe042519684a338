package dev.bulwark.core.pipeline;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.journal.AlertJournal;
import dev.bulwark.core.risk.RiskService;
import dev.bulwark.core.rules.Decision;
import dev.bulwark.core.rules.RuleEvaluator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the journal to the rules, in journal order, and commits what they decided together with the
 * journal position: after a crash, evaluation resumes at the first alert whose decisions were not
 * committed. Correlation state lives in memory, so a fresh evaluator is first warmed up by
 * replaying the already-processed alerts of the longest rule window, with their decisions dropped.
 */
public final class JournalProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(JournalProcessor.class);

  private final AlertJournal journal;
  private final Supplier<RuleEvaluator> evaluators;
  private final IncidentService incidents;
  private final RiskService risk;
  private final Transactions transactions;
  private final int batchSize;
  private final PipelineMetrics metrics;
  private final Clock clock;
  private final CorrelationLocks locks;
  private RuleEvaluator evaluator;

  public JournalProcessor(
      AlertJournal journal,
      Supplier<RuleEvaluator> evaluators,
      IncidentService incidents,
      Transactions transactions,
      int batchSize,
      PipelineMetrics metrics,
      Clock clock) {
    this(journal, evaluators, incidents, null, transactions, batchSize, metrics, clock);
  }

  /**
   * @param risk where risk signals go; {@code null} treats them as incidents of their own
   */
  public JournalProcessor(
      AlertJournal journal,
      Supplier<RuleEvaluator> evaluators,
      IncidentService incidents,
      RiskService risk,
      Transactions transactions,
      int batchSize,
      PipelineMetrics metrics,
      Clock clock) {
    this(
        journal,
        evaluators,
        incidents,
        risk,
        transactions,
        batchSize,
        metrics,
        clock,
        CorrelationLocks.NONE);
  }

  /**
   * @param journal the part of the journal this processor evaluates, with its own cursor
   * @param locks taken on the correlation keys of a batch's decisions before they are written
   */
  public JournalProcessor(
      AlertJournal journal,
      Supplier<RuleEvaluator> evaluators,
      IncidentService incidents,
      RiskService risk,
      Transactions transactions,
      int batchSize,
      PipelineMetrics metrics,
      Clock clock,
      CorrelationLocks locks) {
    this.locks = locks;
    this.journal = journal;
    this.evaluators = evaluators;
    this.incidents = incidents;
    this.risk = risk;
    this.transactions = transactions;
    this.batchSize = batchSize;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Evaluates every alert committed so far; returns how many. Safe to call from several threads:
   * calls run one at a time.
   */
  public synchronized int processAvailable() {
    int processed = 0;
    while (true) {
      long from = journal.processedUpTo();
      List<Alert> batch = journal.readAfter(from, batchSize);
      if (batch.isEmpty()) {
        return processed;
      }
      processBatch(from, batch);
      processed += batch.size();
    }
  }

  /** Replaces the rules (e.g. after a rule-set change) and rebuilds their windows. */
  public synchronized void reset() {
    if (evaluator != null) {
      evaluator.close();
      evaluator = null;
    }
  }

  private void processBatch(long from, List<Alert> batch) {
    RuleEvaluator rules = evaluator();
    List<Decision> decisions = new ArrayList<>();
    Map<Long, Alert> bySeq = new HashMap<>();
    try {
      for (Alert alert : batch) {
        bySeq.put(alert.seq(), alert);
        decisions.addAll(rules.evaluate(alert));
      }
      long last = batch.get(batch.size() - 1).seq();
      transactions.inTransaction(
          () -> {
            if (!decisions.isEmpty()) {
              locks.lock(correlationKeys(decisions));
            }
            decisions.forEach(decision -> apply(decision, bySeq));
            if (!journal.advance(from, last)) {
              // Another node evaluated these alerts first: roll back so no incident is doubled.
              throw new CursorMovedException(from, last);
            }
            return null;
          });
    } catch (RuntimeException e) {
      // The rules saw alerts whose decisions were not committed: their state is ahead of the
      // journal. Drop it; the next call warms up a fresh evaluator from the journal.
      reset();
      throw e;
    }
    recordLatency(decisions, bySeq);
    metrics.alertsEvaluated(batch.size());
  }

  /** The keys a batch's decisions write: their own, and the hosts a user's risk signal scores. */
  private static Set<String> correlationKeys(List<Decision> decisions) {
    Set<String> keys = new TreeSet<>();
    for (Decision decision : decisions) {
      keys.add(decision.correlationKey());
      if (decision.kind() == Decision.Kind.RISK && decision.entityKey().startsWith("user:")) {
        decision
            .entities()
            .hosts()
            .forEach(host -> keys.add(Decision.RISK_PREFIX + "host:" + host));
      }
    }
    return keys;
  }

  private void apply(Decision decision, Map<Long, Alert> bySeq) {
    if (decision.kind() == Decision.Kind.RISK && risk != null) {
      risk.apply(decision, bySeq);
    } else {
      incidents.apply(decision, bySeq);
    }
  }

  /** Time from the commit of the alert that made a rule fire to the commit of its incident. */
  private void recordLatency(List<Decision> decisions, Map<Long, Alert> bySeq) {
    Instant now = clock.instant();
    for (Decision decision : decisions) {
      if (decision.alertSeqs().isEmpty()) {
        continue;
      }
      Alert trigger = bySeq.get(decision.alertSeqs().get(decision.alertSeqs().size() - 1));
      if (trigger != null && trigger.receivedAt() != null) {
        metrics.alertToIncident(Duration.between(trigger.receivedAt(), now));
      }
    }
  }

  private RuleEvaluator evaluator() {
    if (evaluator == null) {
      evaluator = evaluators.get();
      warmUp(evaluator);
    }
    return evaluator;
  }

  private void warmUp(RuleEvaluator fresh) {
    long processedUpTo = journal.processedUpTo();
    Instant latest = journal.latestEventTime(processedUpTo);
    if (latest == null) {
      return;
    }
    Instant since = latest.minus(fresh.longestWindow());
    long after = 0;
    int replayed = 0;
    while (true) {
      List<Alert> page = journal.readWindow(after, processedUpTo, since, batchSize);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(fresh::warmUp);
      replayed += page.size();
      after = page.get(page.size() - 1).seq();
    }
    LOG.info(
        "BULWARK-0101 rebuilt correlation windows from {} journaled alerts since {}",
        replayed,
        since);
  }
}
