package dev.bulwark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The driver's settings, from {@code --name=value} arguments; every one has a default. */
final class Options {

  static final String USAGE =
      """
      Usage: IntakeLoadDriver [--name=value ...]

        --jar=PATH                 engine jar (default engine/app/target/bulwark.jar under the repo)
        --heap=1g                  engine -Xmx
        --threads=1,2,4            client threads, one throughput configuration each ("" = none)
        --batches=60               measured batches per configuration (see docs: heap)
        --batch-size=1000          alerts per batch
        --warmup-batches=10        batches posted (and evaluated) before measuring
        --latency-alerts=500       direct-rule alerts per latency scenario (one incident each; 0 = none)
        --latency-spacing-ms=5     pause between them while the engine is idle
        --load-latency-spacing-ms=20  pause between them under load (spreads them over the load)
        --load-threads=2           client threads posting batches during the under-load scenario
        --load-rate=2000           alerts/s they post (open loop), as batches of --batch-size
        --event-step-us=50         @timestamp advance per alert (50 us = 20,000 alerts/s of event time)
        --bruteforce-every=10000   inject one brute-force sequence (6 failures + success) per N alerts
        --fresh-engine=true        a new engine (and empty database) for each configuration
        --profile=false            record JFR on the engine during each throughput phase and summarise it
        --doc=docs/benchmarks.md   Markdown file whose generated section gets this run ("" = none)
        --keep-runs=4              runs kept in the generated section of the doc
        --label=TEXT               name of this run in the report (default: the start time)
        --engine-arg=ARG           extra engine argument (repeatable), e.g. --engine-arg=--foo=bar
        --keep-data=false          keep the engine's temp data dirs (and JFR files) afterwards
      """;

  final Path repoRoot;
  final Path jar;
  final String heap;
  final List<Integer> threads;
  final int batches;
  final int batchSize;
  final int warmupBatches;
  final int latencyAlerts;
  final int latencySpacingMs;
  final int loadLatencySpacingMs;
  final int loadThreads;
  final int loadRate;
  final long eventStepMicros;
  final int bruteForceEvery;
  final boolean freshEngine;
  final boolean profile;
  final Path doc;
  final int keepRuns;
  final String label;
  final List<String> engineArgs;
  final boolean keepData;
  final String commandLine;

  private Options(Map<String, String> values, List<String> engineArgs, String commandLine) {
    this.repoRoot = findRepoRoot();
    this.jar = resolve(values.getOrDefault("jar", "engine/app/target/bulwark.jar"));
    this.heap = values.getOrDefault("heap", "1g");
    this.threads = new ArrayList<>();
    for (String each : values.getOrDefault("threads", "1,2,4").split(",")) {
      if (!each.isBlank()) {
        threads.add(Integer.parseInt(each.trim()));
      }
    }
    this.batches = integer(values, "batches", 60);
    this.batchSize = integer(values, "batch-size", 1000);
    this.warmupBatches = integer(values, "warmup-batches", 10);
    this.latencyAlerts = integer(values, "latency-alerts", 500);
    this.latencySpacingMs = integer(values, "latency-spacing-ms", 5);
    this.loadLatencySpacingMs = integer(values, "load-latency-spacing-ms", 20);
    this.loadThreads = integer(values, "load-threads", 2);
    this.loadRate = integer(values, "load-rate", 2000);
    this.eventStepMicros = integer(values, "event-step-us", 50);
    this.bruteForceEvery = integer(values, "bruteforce-every", 10_000);
    this.freshEngine = Boolean.parseBoolean(values.getOrDefault("fresh-engine", "true"));
    this.profile = Boolean.parseBoolean(values.getOrDefault("profile", "false"));
    String docValue = values.getOrDefault("doc", "docs/benchmarks.md");
    this.doc = docValue.isBlank() ? null : resolve(docValue);
    this.keepRuns = integer(values, "keep-runs", 4);
    this.label = values.get("label");
    this.engineArgs = List.copyOf(engineArgs);
    this.keepData = Boolean.parseBoolean(values.getOrDefault("keep-data", "false"));
    this.commandLine = commandLine;
  }

  static Options parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> engineArgs = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        System.out.println(USAGE);
        System.exit(0);
      }
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got '" + arg + "'\n" + USAGE);
      }
      String name = arg.substring(2, arg.indexOf('='));
      String value = arg.substring(arg.indexOf('=') + 1);
      if (name.equals("engine-arg")) {
        engineArgs.add(value);
      } else if (!USAGE.contains("--" + name + "=")) {
        throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
      } else {
        values.put(name, value);
      }
    }
    return new Options(values, engineArgs, String.join(" ", args));
  }

  private static int integer(Map<String, String> values, String name, int fallback) {
    String value = values.get(name);
    return value == null ? fallback : Integer.parseInt(value.replace("_", "").trim());
  }

  private Path resolve(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : repoRoot.resolve(p).normalize();
  }

  /** The repository root: the working directory or the nearest parent holding engine/app. */
  private static Path findRepoRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("engine/app")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    return here;
  }
}
