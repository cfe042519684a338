package dev.bulwark.app.rules;

import dev.bulwark.core.journal.AlertJournal;
import dev.bulwark.core.risk.RiskPolicy;
import dev.bulwark.rules.RuleSet;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Backtests run one at a time on their own thread, so a long one neither blocks the request nor the
 * live pipeline; {@code GET /api/v1/rules/backtest/{id}} shows how far it got.
 */
@Component
class BacktestJobs implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(BacktestJobs.class);
  private static final int KEPT = 20;

  private final AlertJournal journal;
  private final LiveRules rules;
  private final RiskPolicy policy;
  private final Clock clock;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "bulwark-backtest");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();

  BacktestJobs(AlertJournal journal, LiveRules rules, RiskPolicy policy, Clock clock) {
    this.journal = journal;
    this.rules = rules;
    this.policy = policy;
    this.clock = clock;
  }

  /** One backtest: its state and, once done, its result. */
  static final class Job {
    final String id = UUID.randomUUID().toString();
    final Instant startedAt;
    final Backtest backtest;
    volatile String state = "running";
    volatile Map<String, Object> result;
    volatile String error;

    Job(Instant startedAt, Backtest backtest) {
      this.startedAt = startedAt;
      this.backtest = backtest;
    }

    Map<String, Object> view() {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", id);
      view.put("state", state);
      view.put("startedAt", startedAt.toString());
      view.put("alertsEvaluated", backtest.processed());
      Map<String, Object> progress = new LinkedHashMap<>();
      progress.put("phase", backtest.phase());
      progress.put("percent", backtest.percent());
      view.put("progress", progress);
      if (error != null) {
        view.put("error", error);
      }
      if (result != null) {
        view.put("result", result);
      }
      return view;
    }
  }

  Job start(RuleSet candidate, Instant from, Instant to) {
    RuleSet live = rules.current();
    Job job = new Job(clock.instant(), new Backtest(journal, rules.reference(), policy, clock));
    if (jobs.size() >= KEPT) {
      jobs.values().removeIf(old -> !old.state.equals("running"));
    }
    jobs.put(job.id, job);
    executor.submit(
        () -> {
          try {
            job.result = job.backtest.compare(live, candidate, from, to);
            job.state = "done";
          } catch (RuntimeException e) {
            job.error = e.toString();
            job.state = "failed";
            LOG.warn("BULWARK-3020 backtest {} failed: {}", job.id, e.toString());
          }
        });
    return job;
  }

  Optional<Job> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
