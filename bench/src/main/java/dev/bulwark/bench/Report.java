package dev.bulwark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results of one run as Markdown, and how they go into docs/benchmarks.md. */
final class Report {

  static final String BEGIN = "<!-- bench:results:begin -->";
  static final String END = "<!-- bench:results:end -->";
  static final String RUN = "<!-- bench:run -->";

  /** One throughput configuration. Times in nanoseconds unless named otherwise. */
  record Throughput(
      int threads,
      int batches,
      int batchSize,
      long bytes,
      long accepted,
      long duplicates,
      long intakeNanos,
      double[] batchMillis,
      long backlogAtEnd,
      long catchUpNanos,
      long endToEndNanos,
      CpuClock.Reading cpuIntake,
      CpuClock.Reading cpu,
      Map<String, Double> threadCpu,
      double gcPauseSeconds,
      double heapUsedMb,
      long journalSize,
      long bruteForces,
      long incidents) {

    double acceptedPerSecond() {
      return accepted / (intakeNanos / 1e9);
    }

    double evaluatedPerSecond() {
      return accepted / (endToEndNanos / 1e9);
    }

    /**
     * What two cores of its own would allow if CPU were the only limit: the engine's CPU seconds
     * per alert (without JIT compilation, a start-up cost) spread over 2 cores, or the journal
     * worker's on its single thread, whichever is lower. Contention inflates CPU time a little, and
     * it ignores lock waits, so it is an estimate, not a bound.
     */
    double cpuCeilingPerSecond() {
      double jit = cpuMillisPerThousand("JIT") / 1e6;
      double all = cpu.engine() / accepted - jit;
      double worker = cpuMillisPerThousand("journal worker") / 1e6;
      return Math.min(2 / all, worker > 0 ? 1 / worker : Double.POSITIVE_INFINITY);
    }

    /** CPU milliseconds the engine's threads of this kind spent per 1,000 alerts. */
    double cpuMillisPerThousand(String kindPrefix) {
      double seconds =
          threadCpu.entrySet().stream()
              .filter(e -> e.getKey().startsWith(kindPrefix))
              .mapToDouble(Map.Entry::getValue)
              .sum();
      return seconds * 1e6 / accepted;
    }
  }

  /** One alert-to-incident scenario. */
  record Latency(
      String scenario,
      int alerts,
      int spacingMs,
      Histogram histogram,
      double[] postMillis,
      double postingSeconds,
      double loadAlertsPerSecond,
      long backlogAtEnd,
      long bruteForces,
      CpuClock.Reading cpu,
      Map<String, Double> threadCpu) {

    /** CPU milliseconds per recorded incident that the journal worker spent. */
    double workerMillisPerIncident() {
      double seconds =
          threadCpu.entrySet().stream()
              .filter(e -> e.getKey().startsWith("journal worker"))
              .mapToDouble(Map.Entry::getValue)
              .sum();
      return histogram.count > 0 ? seconds * 1000 / histogram.count : Double.NaN;
    }
  }

  private final String label;
  private final String runId;
  private final Options options;
  private final MachineInfo machine;
  private final String loadBefore;
  private final String loadAfter;
  private final List<Duration> startups;
  private final List<Throughput> throughputs;
  private final List<Latency> latencies;
  private final List<String> profiles;
  private final List<String> engineErrors;
  private final Duration took;

  Report(
      String label,
      String runId,
      Options options,
      MachineInfo machine,
      String loadBefore,
      String loadAfter,
      List<Duration> startups,
      List<Throughput> throughputs,
      List<Latency> latencies,
      List<String> profiles,
      List<String> engineErrors,
      Duration took) {
    this.label = label;
    this.runId = runId;
    this.options = options;
    this.machine = machine;
    this.loadBefore = loadBefore;
    this.loadAfter = loadAfter;
    this.startups = startups;
    this.throughputs = throughputs;
    this.latencies = latencies;
    this.profiles = profiles;
    this.engineErrors = engineErrors;
    this.took = took;
  }

  static String oneLine(Throughput t) {
    return String.format(
        Locale.ROOT,
        "%d thread(s): %,d accepted in %.1f s = %,.0f alerts/s; batch p50 %.0f ms, p99 %.0f ms;"
            + " backlog %,d at end of intake, caught up %.1f s later = %,.0f evaluated alerts/s"
            + " end to end; engine CPU %.2f s (others on the machine %.1f s); live heap %.0f MB",
        t.threads,
        t.accepted,
        t.intakeNanos / 1e9,
        t.acceptedPerSecond(),
        IntakeLoadDriver.percentile(t.batchMillis, 0.5),
        IntakeLoadDriver.percentile(t.batchMillis, 0.99),
        t.backlogAtEnd,
        t.catchUpNanos / 1e9,
        t.evaluatedPerSecond(),
        t.cpu.engine(),
        t.cpu.others(),
        t.heapUsedMb);
  }

  static String oneLine(Latency l) {
    Histogram h = l.histogram;
    return String.format(
        Locale.ROOT,
        "latency %s: %d incidents, p50 %s, p99 %s, max %s, mean %s",
        l.scenario,
        (long) h.count,
        seconds(h.quantile(0.5), h),
        seconds(h.quantile(0.99), h),
        maxText(h),
        millis(h.mean() * 1000));
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("### Run ").append(label).append(" (`").append(runId).append("`)\n\n");
    String memory =
        machine
            .memory()
            .lines()
            .filter(l -> l.startsWith("Mem:"))
            .findFirst()
            .map(l -> l.trim().split("\\s+")[1] + " GB RAM")
            .orElse("? RAM");
    out.append("- Machine: ")
        .append(machine.cores())
        .append(" cores (")
        .append(machine.cpuModel())
        .append("), ")
        .append(memory)
        .append(", ")
        .append(machine.os())
        .append("; ")
        .append(machine.java().lines().findFirst().orElse("java ?"))
        .append(" (")
        .append(machine.java().lines().skip(2).findFirst().orElse("").trim())
        .append(").\n");
    out.append("- Load average (1/5/15 min) before: ")
        .append(loadBefore)
        .append("; after: ")
        .append(loadAfter)
        .append(". The machine is shared: see the \"other processes\" column.\n");
    out.append("- Engine: `java -Xms")
        .append(options.heap)
        .append(" -Xmx")
        .append(options.heap)
        .append(" -jar engine/app/target/bulwark.jar`, embedded H2 file database, ")
        .append(
            options.freshEngine ? "a fresh engine and database per configuration" : "one engine")
        .append("; jar built ")
        .append(MachineInfo.built(options.jar))
        .append(", working tree ")
        .append(MachineInfo.gitDescription(options.repoRoot))
        .append("; start-up took ")
        .append(startups.stream().map(d -> d.toSeconds() + " s").toList())
        .append(".\n");
    out.append("- Arguments: `")
        .append(options.commandLine.isBlank() ? "(defaults)" : options.commandLine)
        .append("`; the whole run took ")
        .append(took.toMinutes())
        .append(" min ")
        .append(took.toSecondsPart())
        .append(" s.\n\n");

    if (!throughputs.isEmpty()) {
      out.append("#### Intake throughput and rule catch-up\n\n");
      out.append(
          "| Client threads | Alerts (batches × size) | Accepted alerts/s | Batch POST p50 / p99"
              + " | Backlog when intake ended | Rules caught up after | End-to-end evaluated"
              + " alerts/s | Engine CPU ms per 1k alerts: HTTP / worker / GC / total | Other"
              + " processes (avg cores) | CPU-bound ceiling on 2 free cores | Incidents"
              + " (brute-force injected) | GC pauses | Live heap after full GC (journal size) |\n");
      out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Throughput t : throughputs) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %d | %,d (%d × %,d) | **%,.0f** | %s / %s | %,d | %.1f s | **%,.0f** |"
                    + " %.0f / %.0f / %.0f / %.0f | %.2f | ~%,.0f alerts/s | %d (%d) | %.1f s |"
                    + " %.0f MB (%,d alerts) |\n",
                t.threads,
                t.accepted,
                t.batches,
                t.batchSize,
                t.acceptedPerSecond(),
                millis(IntakeLoadDriver.percentile(t.batchMillis, 0.5)),
                millis(IntakeLoadDriver.percentile(t.batchMillis, 0.99)),
                t.backlogAtEnd,
                t.catchUpNanos / 1e9,
                t.evaluatedPerSecond(),
                t.cpuMillisPerThousand("HTTP"),
                t.cpuMillisPerThousand("journal worker"),
                t.cpuMillisPerThousand("garbage"),
                t.cpu.engine() * 1e6 / t.accepted,
                t.cpu.others() / t.cpu.wallSeconds(),
                t.cpuCeilingPerSecond(),
                t.incidents,
                t.bruteForces,
                t.gcPauseSeconds,
                t.heapUsedMb,
                t.journalSize));
      }
      Throughput best =
          throughputs.stream()
              .max((a, b) -> Double.compare(a.acceptedPerSecond(), b.acceptedPerSecond()))
              .orElseThrow();
      double share = best.acceptedPerSecond() / IntakeLoadDriver.BUDGET_ALERTS_PER_SECOND;
      out.append(
          String.format(
              Locale.ROOT,
              "\nBudget: %,.0f alerts/s accepted in batches of 1,000 on 2 cores. Best here:"
                  + " %,.0f alerts/s with %d thread(s) = %.0f %% of the budget: **%s**.",
              IntakeLoadDriver.BUDGET_ALERTS_PER_SECOND,
              best.acceptedPerSecond(),
              best.threads,
              100 * share,
              share >= 1 ? "met" : String.format(Locale.ROOT, "not met (%.1f× short)", 1 / share)));
      out.append(
          String.format(
              Locale.ROOT,
              " Rules evaluated end to end at %,.0f alerts/s at best.\n\n",
              throughputs.stream().mapToDouble(Throughput::evaluatedPerSecond).max().orElse(0)));
      out.append("Engine CPU seconds by thread over intake and catch-up:\n\n");
      out.append("| Client threads |");
      List<String> kinds = new ArrayList<>(throughputs.get(0).threadCpu.keySet());
      kinds.forEach(k -> out.append(' ').append(k).append(" |"));
      out.append("\n|---:|").append("---:|".repeat(kinds.size())).append('\n');
      for (Throughput t : throughputs) {
        out.append("| ").append(t.threads).append(" |");
        kinds.forEach(
            k ->
                out.append(
                    String.format(Locale.ROOT, " %.1f |", t.threadCpu.getOrDefault(k, 0.0))));
        out.append('\n');
      }
      out.append('\n');
    }

    if (!latencies.isEmpty()) {
      out.append("#### Alert → incident latency (journal commit → incident commit)\n\n");
      out.append(
          "| Scenario | Incidents recorded | p50 | p99 | max | mean | Direct alert POST p50 / p99"
              + " | Background load | Backlog when load stopped | Journal worker CPU per incident"
              + " |\n");
      out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Latency l : latencies) {
        Histogram h = l.histogram;
        out.append(
            String.format(
                Locale.ROOT,
                "| %s: %d direct-rule alerts, %d ms apart | %d | %s | **%s** | %s | %s | %s / %s |"
                    + " %s | %s | %s |\n",
                l.scenario,
                l.alerts,
                l.spacingMs,
                (long) h.count,
                seconds(h.quantile(0.5), h),
                seconds(h.quantile(0.99), h),
                maxText(h),
                millis(h.mean() * 1000),
                millis(IntakeLoadDriver.percentile(l.postMillis, 0.5)),
                millis(IntakeLoadDriver.percentile(l.postMillis, 0.99)),
                l.loadAlertsPerSecond > 0
                    ? String.format(
                        Locale.ROOT,
                        "%,.0f alerts/s (%d brute-force incidents)",
                        l.loadAlertsPerSecond,
                        l.bruteForces)
                    : "none",
                l.loadAlertsPerSecond > 0 ? String.format(Locale.ROOT, "%,d", l.backlogAtEnd) : "–",
                l.loadAlertsPerSecond > 0
                    ? "– (shared with the load)"
                    : millis(l.workerMillisPerIncident())));
      }
      out.append(
          "\nQuantiles are interpolated inside the buckets of the engine's"
              + " `bulwark_alert_to_incident_seconds` histogram (difference of two scrapes, so"
              + " exactly this scenario's incidents); max is the upper bound of the highest"
              + " non-empty bucket.");
      boolean published = latencies.stream().anyMatch(l -> !l.histogram.quantiles.isEmpty());
      out.append(
          published
              ? "\n"
              : " The engine exposes no `quantile` series for it (Prometheus client 1.x exports"
                  + " either the histogram or the percentiles, not both).\n");
      out.append(
          String.format(
              Locale.ROOT,
              "\nBudget: p99 under %.0f ms from committed alert to its incident: **%s**.\n\n",
              IntakeLoadDriver.BUDGET_P99_SECONDS * 1000,
              latencies.stream()
                  .map(
                      l ->
                          l.scenario
                              + " "
                              + (l.histogram.quantile(0.99) < IntakeLoadDriver.BUDGET_P99_SECONDS
                                  ? "met"
                                  : "not met")
                              + " ("
                              + seconds(l.histogram.quantile(0.99), l.histogram)
                              + ")")
                  .reduce((a, b) -> a + ", " + b)
                  .orElse("n/a")));
    }

    for (String profile : profiles) {
      out.append(profile);
    }
    if (!engineErrors.isEmpty()) {
      out.append("Problems (failed phases, errors in the engine log):\n\n```\n");
      engineErrors.stream().limit(10).forEach(e -> out.append(e).append('\n'));
      out.append("```\n\n");
    }
    return out.toString();
  }

  /** Puts {@code run} first into the generated section of {@code doc}, keeping older runs. */
  static void updateDoc(Path doc, String run, int keepRuns) throws IOException {
    String text =
        Files.exists(doc)
            ? Files.readString(doc, StandardCharsets.UTF_8)
            : "# Benchmarks\n\nResults of `bench` (see the module's IntakeLoadDriver).\n";
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      text = text.stripTrailing() + "\n\n## Results\n\n" + BEGIN + "\n" + END + "\n";
      begin = text.indexOf(BEGIN);
      end = text.indexOf(END);
    }
    String section = text.substring(begin + BEGIN.length(), end);
    List<String> runs = new ArrayList<>();
    runs.add(run.strip());
    for (String old : section.split(RUN)) {
      if (!old.isBlank() && runs.size() < keepRuns) {
        runs.add(old.strip());
      }
    }
    StringBuilder generated = new StringBuilder(BEGIN).append('\n');
    for (String each : runs) {
      generated.append(RUN).append("\n\n").append(each).append("\n\n");
    }
    generated.append(END);
    String updated = text.substring(0, begin) + generated + text.substring(end + END.length());
    Files.writeString(doc, updated, StandardCharsets.UTF_8);
  }

  private static String maxText(Histogram h) {
    double bound = h.maxBound();
    if (Double.isNaN(bound)) {
      return "–";
    }
    if (Double.isInfinite(bound)) {
      return "> " + millis(h.largestFiniteBound() * 1000);
    }
    return "≤ " + millis(bound * 1000);
  }

  private static String seconds(double value, Histogram h) {
    if (Double.isNaN(value)) {
      return "–";
    }
    if (Double.isInfinite(value)) {
      return "> " + millis(h.largestFiniteBound() * 1000);
    }
    return millis(value * 1000);
  }

  static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "–";
    }
    if (ms >= 10_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }
    if (ms >= 100) {
      return String.format(Locale.ROOT, "%.0f ms", ms);
    }
    return String.format(Locale.ROOT, "%.1f ms", ms);
  }
}
