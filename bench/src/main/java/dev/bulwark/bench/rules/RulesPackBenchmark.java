package dev.bulwark.bench.rules;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.journal.JournalPartitions;
import dev.bulwark.rules.BareFacts;
import dev.bulwark.rules.DroolsRuleEvaluator;
import dev.bulwark.rules.RulePartition;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.RuleSetCompiler;
import dev.bulwark.rules.reference.ReferenceData;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.time.SessionPseudoClock;

/**
 * The rules figures of docs/benchmarks.md: compile time of the bundled pack, events/s through it
 * in-process, live heap after 1,000,000 events, and the same through a bare Drools session on the
 * same rules and events ({@link BareFacts}), as a ratio. One thread feeds one session, as the
 * engine's journal worker does. Each measurement is repeated; best and median are printed.
 *
 * <pre>
 * java -Xmx2g -cp ... dev.bulwark.bench.rules.RulesPackBenchmark [events] [repeats] [users]
 *     [spacing-ms]
 * </pre>
 */
public final class RulesPackBenchmark {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private RulesPackBenchmark() {}

  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int users = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    long spacing = args.length > 3 ? Long.parseLong(args[3]) : 86;
    System.out.printf(
        "%,d events, %,d users, %d ms of event time apart (%.1f h), %d repeats, %d cores,"
            + " max heap %d MB, load average %s%n",
        events,
        users,
        spacing,
        events * spacing / 3_600_000.0,
        repeats,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        loadAverage());

    List<Double> compileMs = new ArrayList<>();
    RuleSet rules = null;
    for (int i = 0; i < repeats + 1; i++) {
      long started = System.nanoTime();
      rules = new RuleSetCompiler().compileBundled();
      compileMs.add((System.nanoTime() - started) / 1e6);
    }
    System.out.printf(
        "compile (%d rules): first (cold JVM) %.0f ms; then %s%n",
        rules.rules().size(),
        compileMs.get(0),
        summary(compileMs.subList(1, compileMs.size()), "ms"));

    Workforce workforce = new Workforce(users, 50_000, spacing);
    ReferenceData reference = ReferenceData.withDefaults();
    long baseline = liveHeapBytes();
    System.out.printf(
        "live heap before any session (rule set, event pool): %d MB%n", baseline >> 20);

    RuleSet ruleSet = rules;
    RuleSet plainRules = BareFacts.plainPack();
    Run bare = new Run("bare Drools session");
    Run bulwark = new Run("Bulwark evaluator");
    int threads = Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
    Run partitioned = new Run("Bulwark, " + threads + " threads");
    // Warm-up of both paths, then alternate so both see the same machine load.
    bare.measure(events / 5, n -> runBare(plainRules, reference, workforce, n), baseline, false);
    bulwark.measure(
        events / 5, n -> runEvaluator(ruleSet, reference, workforce, n), baseline, false);
    partitioned.measure(
        events / 5,
        n -> runPartitioned(ruleSet, reference, workforce, n, threads),
        baseline,
        false);
    for (int i = 0; i < repeats; i++) {
      bare.measure(events, n -> runBare(plainRules, reference, workforce, n), baseline, true);
      bulwark.measure(events, n -> runEvaluator(ruleSet, reference, workforce, n), baseline, true);
      partitioned.measure(
          events, n -> runPartitioned(ruleSet, reference, workforce, n, threads), baseline, true);
      System.out.printf("  load average %s%n", loadAverage());
    }
    bare.print();
    bulwark.print();
    partitioned.print();
    System.out.printf(
        "ratio Bulwark / bare: events/s (median) %.2f, per CPU-second (median) %.2f, session heap"
            + " (median) %.2f%n",
        median(bulwark.perSecond) / median(bare.perSecond),
        median(bulwark.perCpuSecond) / median(bare.perCpuSecond),
        median(bulwark.heapMb) / median(bare.heapMb));
  }

  /** Feeds n events to a fresh evaluator; returns the live heap measured before closing it. */
  private static long runEvaluator(
      RuleSet rules, ReferenceData reference, Workforce workforce, int n) {
    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(rules, reference)) {
      long decisions = 0;
      for (int i = 0; i < n; i++) {
        decisions += evaluator.evaluate(workforce.event(i)).size();
      }
      Run.decisions = decisions;
      Run.stopClock();
      histogram("evaluator");
      return liveHeapBytes();
    }
  }

  /**
   * Feeds n events as the engine's journal worker does with several threads (ADR 0802): each event
   * to the identity session of its journal partition (the hash of its identity, as at append), and
   * every event to the one session of the global rules; the 17 feeds run on {@code threads}
   * threads, each feed in journal order. The split is made before the clock starts, as the journal
   * makes it at append. CPU time is that of the feeding threads together.
   */
  private static long runPartitioned(
      RuleSet rules, ReferenceData reference, Workforce workforce, int n, int threads) {
    List<List<Alert>> feeds = new ArrayList<>();
    List<Alert> all = new ArrayList<>(n);
    for (int p = 0; p < JournalPartitions.COUNT; p++) {
      feeds.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      Alert alert = workforce.event(i);
      all.add(alert);
      feeds.get(JournalPartitions.of(JournalPartitions.key(alert.document(), ""))).add(alert);
    }
    List<DroolsRuleEvaluator> sessions = new ArrayList<>();
    List<Callable<Long>> work = new ArrayList<>();
    // The global feed first: it is the longest.
    work.add(feed(rules, reference, RulePartition.GLOBAL, all, sessions));
    for (List<Alert> partition : feeds) {
      work.add(feed(rules, reference, RulePartition.IDENTITY, partition, sessions));
    }
    List<Thread> feeders = new ArrayList<>();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "feeder-" + feeders.size());
              feeders.add(thread);
              return thread;
            });
    try {
      pool.prestartAllCoreThreads();
      long cpuBefore = feeders.stream().mapToLong(RulesPackBenchmark::cpu).sum();
      Run.startClock();
      long decisions = 0;
      for (Future<Long> done : pool.invokeAll(work)) {
        decisions += get(done);
      }
      long cpuAfter = feeders.stream().mapToLong(RulesPackBenchmark::cpu).sum();
      Run.decisions = decisions;
      Run.stopClock(cpuAfter - cpuBefore);
      histogram("partitioned");
      return liveHeapBytes();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
      sessions.forEach(DroolsRuleEvaluator::close);
    }
  }

  private static Callable<Long> feed(
      RuleSet rules,
      ReferenceData reference,
      RulePartition kind,
      List<Alert> alerts,
      List<DroolsRuleEvaluator> sessions) {
    DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(rules, reference, kind);
    sessions.add(evaluator);
    return () -> {
      long decisions = 0;
      for (Alert alert : alerts) {
        decisions += evaluator.evaluate(alert).size();
      }
      return decisions;
    };
  }

  private static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long cpu(Thread thread) {
    return THREADS.getThreadCpuTime(thread.getId());
  }

  /** With -Dbench.histogram=N, the N largest classes of the live heap (jcmd), to find hogs. */
  private static void histogram(String label) {
    int lines = Integer.getInteger("bench.histogram", 0);
    if (lines == 0) {
      return;
    }
    try {
      Process jcmd =
          new ProcessBuilder(
                  "jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
              .redirectErrorStream(true)
              .start();
      String out = new String(jcmd.getInputStream().readAllBytes());
      System.out.println("  live heap of the " + label + " session, largest classes:");
      out.lines().skip(1).limit(lines + 2).forEach(line -> System.out.println("    " + line));
    } catch (java.io.IOException e) {
      System.out.println("  (no histogram: " + e.getMessage() + ")");
    }
  }

  private static long runBare(RuleSet rules, ReferenceData reference, Workforce workforce, int n) {
    KieSessionConfiguration configuration = KieServices.get().newKieSessionConfiguration();
    configuration.setOption(ClockTypeOption.PSEUDO);
    KieSession session = rules.kieBase().newKieSession(configuration, null);
    try {
      Object emitter = BareFacts.emitter();
      session.setGlobal("decisions", emitter);
      session.setGlobal("reference", reference);
      SessionPseudoClock clock = session.getSessionClock();
      long decisions = 0;
      for (int i = 0; i < n; i++) {
        Alert alert = workforce.event(i);
        long at = alert.timestamp().toEpochMilli();
        long now = clock.getCurrentTime();
        if (at > now) {
          clock.advanceTime(at - now, TimeUnit.MILLISECONDS);
        }
        BareFacts.insertAndFire(session, reference, alert);
        decisions += BareFacts.clear(emitter);
      }
      Run.decisions = decisions;
      Run.stopClock();
      histogram("bare");
      return liveHeapBytes();
    } finally {
      session.dispose();
    }
  }

  /** Used heap after full collections: what is live. */
  static long liveHeapBytes() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
          .trim()
          .replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
    } catch (java.io.IOException e) {
      return "n/a";
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String summary(List<Double> values, String unit) {
    return String.format(
        "best %.0f %s, median %.0f %s (%d runs)",
        Collections.min(values), unit, median(values), unit, values.size());
  }

  /** The measurements of one configuration. */
  private static final class Run {
    static long decisions;
    static long stopped;
    static long stoppedCpu;

    final String name;
    final List<Double> perSecond = new ArrayList<>();
    final List<Double> heapMb = new ArrayList<>();
    final List<Double> perCpuSecond = new ArrayList<>();

    Run(String name) {
      this.name = name;
    }

    static long started = -1;
    static long cpuNanos = -1;

    static void stopClock() {
      stopped = System.nanoTime();
      stoppedCpu = THREADS.getCurrentThreadCpuTime();
    }

    /** For a run on other threads: the clock starts when their work does. */
    static void startClock() {
      started = System.nanoTime();
    }

    /** For a run on other threads: the CPU time they took. */
    static void stopClock(long cpu) {
      stopped = System.nanoTime();
      cpuNanos = cpu;
    }

    void measure(int events, ToLongFunction<Integer> run, long baseline, boolean keep) {
      liveHeapBytes();
      Run.started = -1;
      Run.cpuNanos = -1;
      long begun = System.nanoTime();
      long startedCpu = THREADS.getCurrentThreadCpuTime();
      long heap = run.applyAsLong(events);
      double seconds = (stopped - (Run.started < 0 ? begun : Run.started)) / 1e9;
      double rate = events / seconds;
      long cpu = Run.cpuNanos < 0 ? stoppedCpu - startedCpu : Run.cpuNanos;
      double cpuRate = events / (cpu / 1e9);
      double mb = (heap - baseline) / (1024.0 * 1024.0);
      System.out.printf(
          "  %-20s %s %,d events in %.1f s = %,.0f events/s (%,.0f per CPU-second of the feeding"
              + " threads); %,d decisions; session live heap %.0f MB (total %d MB)%n",
          name, keep ? "" : "(warm-up)", events, seconds, rate, cpuRate, decisions, mb, heap >> 20);
      if (keep) {
        perSecond.add(rate);
        perCpuSecond.add(cpuRate);
        heapMb.add(mb);
      }
    }

    void print() {
      List<Double> sorted = new ArrayList<>(perSecond);
      System.out.printf(
          "%s: events/s best %,.0f, median %,.0f; per CPU-second of the feeding thread best %,.0f,"
              + " median %,.0f; session live heap after the run best %.0f MB, median %.0f MB (%d"
              + " runs)%n",
          name,
          Collections.max(sorted),
          median(sorted),
          Collections.max(perCpuSecond),
          median(perCpuSecond),
          Collections.min(heapMb),
          median(heapMb),
          sorted.size());
    }
  }
}
