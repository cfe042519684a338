package dev.bulwark.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end load driver: starts the engine jar as its own process and measures, over HTTP on
 * 127.0.0.1,
 *
 * <ol>
 *   <li>intake throughput: batches of ECS authentication events posted as NDJSON to {@code POST
 *       /api/v1/alerts} by 1, 2, 4... client threads (a 202 means committed to the journal);
 *   <li>rule catch-up: how long after the last 202 {@code GET /api/v1/status} shows a backlog of 0,
 *       hence end-to-end evaluated alerts/s;
 *   <li>alert-to-incident latency, idle and under load, from the engine's own histogram {@code
 *       bulwark_alert_to_incident_seconds} (journal commit to incident commit).
 * </ol>
 *
 * It prints a Markdown report and puts it into the generated section of docs/benchmarks.md. Run it
 * with {@code mvn -pl bench compile exec:exec -Dbench.args="..."} (see {@link Options#USAGE}).
 */
public final class IntakeLoadDriver {

  static final String HISTOGRAM = "bulwark_alert_to_incident_seconds";
  static final double BUDGET_ALERTS_PER_SECOND = 20_000;
  static final double BUDGET_P99_SECONDS = 0.050;

  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
  private static final Pattern DUPLICATES = Pattern.compile("\"duplicates\":(\\d+)");
  private static final String NDJSON = "application/x-ndjson";

  private final Options options;
  private final HttpClient http;
  private final String runId;
  private final AtomicLong retries = new AtomicLong();

  private IntakeLoadDriver(Options options) {
    this.options = options;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.runId = Long.toString(System.currentTimeMillis(), 36);
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    int exit = 1;
    try {
      exit = new IntakeLoadDriver(options).run();
    } finally {
      // Exit even if pool or HTTP client threads are left: the shutdown hooks stop the engine.
      System.exit(exit);
    }
  }

  private int run() throws Exception {
    Instant started = Instant.now();
    String label =
        options.label != null
            ? options.label
            : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(started.atOffset(ZoneOffset.UTC));
    MachineInfo machine = MachineInfo.describe();
    String loadBefore = MachineInfo.loadAverage();
    log(
        "Bulwark load driver, run "
            + runId
            + ": "
            + machine.cores()
            + " cores ("
            + machine.cpuModel()
            + "), load average "
            + loadBefore);
    log("engine jar " + options.jar + ", heap " + options.heap);

    List<Report.Throughput> throughputs = new ArrayList<>();
    List<Report.Latency> latencies = new ArrayList<>();
    List<String> engineErrors = new ArrayList<>();
    List<String> profiles = new ArrayList<>();
    List<Duration> startups = new ArrayList<>();
    EngineProcess engine = null;
    AlertFactory alerts = null;
    try {
      for (int threads : options.threads) {
        if (engine == null || options.freshEngine) {
          if (engine != null) {
            engineErrors.addAll(engine.errors(5));
            engine.close();
          }
          engine = startEngine(startups);
          alerts = newAlerts();
          warmUp(engine, alerts);
        }
        try {
          Report.Throughput result = throughput(engine, alerts, threads, profiles);
          throughputs.add(result);
          log(Report.oneLine(result));
        } catch (Exception e) {
          // Report what was measured so far; a fresh engine is started for the next phase.
          problem(engineErrors, "throughput with " + threads + " thread(s)", e, engine);
          engine.close();
          engine = null;
        }
      }
      if (options.latencyAlerts > 0) {
        if (engine == null || options.freshEngine) {
          if (engine != null) {
            engineErrors.addAll(engine.errors(5));
            engine.close();
          }
          engine = startEngine(startups);
          alerts = newAlerts();
          warmUp(engine, alerts);
        }
        try {
          Report.Latency idle = latencyIdle(engine, alerts, profiles);
          latencies.add(idle);
          log(Report.oneLine(idle));
          Report.Latency loaded = latencyUnderLoad(engine, alerts, profiles);
          latencies.add(loaded);
          log(Report.oneLine(loaded));
        } catch (Exception e) {
          problem(engineErrors, "alert-to-incident latency", e, engine);
        }
      }
    } finally {
      if (engine != null) {
        engineErrors.addAll(engine.errors(5));
        engine.close();
      }
    }

    if (retries.get() > 0) {
      engineErrors.add(
          retries.get() + " POST(s) retried after the server closed a reused connection");
    }
    Duration took = Duration.between(started, Instant.now());
    String report =
        new Report(
                label,
                runId,
                options,
                machine,
                loadBefore,
                MachineInfo.loadAverage(),
                startups,
                throughputs,
                latencies,
                profiles,
                engineErrors,
                took)
            .markdown();
    System.out.println();
    System.out.println(report);
    if (options.doc != null) {
      Report.updateDoc(options.doc, report, options.keepRuns);
      log("updated " + options.doc);
    }
    return 0;
  }

  private static void problem(
      List<String> problems, String phase, Exception e, EngineProcess engine) {
    log(phase + " failed: " + e);
    e.printStackTrace(System.out);
    problems.add(phase + " failed: " + e);
    problems.addAll(engine.errors(5));
  }

  private EngineProcess startEngine(List<Duration> startups) throws Exception {
    log("starting the engine...");
    EngineProcess engine = EngineProcess.start(options, http);
    startups.add(engine.startupTime());
    log(
        "engine pid "
            + engine.pid()
            + " up on "
            + engine.baseUrl
            + " after "
            + engine.startupTime().toSeconds()
            + " s (data in "
            + engine.dataDir
            + ")");
    return engine;
  }

  private AlertFactory newAlerts() {
    // Event time starts an hour ago and advances a fixed step per alert.
    return new AlertFactory(
        runId + "x" + Long.toString(System.nanoTime() % 100_000, 36),
        Instant.now().minus(Duration.ofHours(1)),
        options.eventStepMicros,
        options.bruteForceEvery,
        runId.hashCode());
  }

  /** Batches and direct alerts through every code path (JIT, Camunda deployment caches...). */
  private void warmUp(EngineProcess engine, AlertFactory alerts) throws Exception {
    if (options.warmupBatches > 0) {
      log("warm-up: " + options.warmupBatches + " batches + 50 direct-rule alerts");
      List<byte[]> batches = new ArrayList<>();
      for (int i = 0; i < options.warmupBatches; i++) {
        batches.add(alerts.batch(options.batchSize));
      }
      postBatches(engine, batches, 2);
    }
    for (int i = 0; i < 50; i++) {
      post(engine, alerts.directAlert(-1 - i), "application/json");
      Thread.sleep(5);
    }
    awaitIdle(engine);
  }

  private Report.Throughput throughput(
      EngineProcess engine, AlertFactory alerts, int threads, List<String> profiles)
      throws Exception {
    log(
        "throughput, "
            + threads
            + " client thread(s): generating "
            + options.batches
            + " x "
            + options.batchSize
            + " alerts...");
    List<byte[]> batches = new ArrayList<>(options.batches);
    long bytes = 0;
    long bruteForcesBefore = alerts.bruteForces();
    for (int i = 0; i < options.batches; i++) {
      byte[] batch = alerts.batch(options.batchSize);
      bytes += batch.length;
      batches.add(batch);
    }
    long bruteForces = alerts.bruteForces() - bruteForcesBefore;
    awaitIdle(engine);
    Path jfr = startProfile(engine, "throughput-t" + threads);
    String promBefore = engine.prometheus();
    CpuClock.Reading cpuBefore = CpuClock.read(engine.pid());
    Map<String, Double> threadsBefore = CpuClock.threads(engine.pid());
    log("posting...");
    Posted posted = postBatches(engine, batches, threads);
    long backlogAtEnd = engine.backlog();
    CpuClock.Reading cpuAtIntakeEnd = CpuClock.read(engine.pid());
    long caughtUp = engine.awaitBacklogZero(Duration.ofMinutes(20), 100);
    CpuClock.Reading cpuAfter = CpuClock.read(engine.pid());
    Map<String, Double> threadsAfter = CpuClock.threads(engine.pid());
    Thread.sleep(500);
    String promAfter = engine.prometheus();
    // After the measurement: a full GC, so the heap figure is what stays live (the rules' session).
    engine.jcmd("GC.run");
    double liveHeapMb = heapUsedMb(engine.prometheus());
    stopProfile(
        engine,
        jfr,
        "Profile, throughput with " + threads + " client thread(s): intake and catch-up",
        profiles);
    Histogram incidents =
        Histogram.parse(promAfter, HISTOGRAM).minus(Histogram.parse(promBefore, HISTOGRAM));
    return new Report.Throughput(
        threads,
        options.batches,
        options.batchSize,
        bytes,
        posted.accepted,
        posted.duplicates,
        posted.intakeNanos,
        posted.batchMillis,
        backlogAtEnd,
        caughtUp - posted.lastAnswer,
        caughtUp - posted.firstSend,
        cpuAtIntakeEnd.minus(cpuBefore),
        cpuAfter.minus(cpuBefore),
        CpuClock.minus(threadsAfter, threadsBefore),
        gcPauseSeconds(promAfter) - gcPauseSeconds(promBefore),
        liveHeapMb,
        engine.received(),
        bruteForces,
        (long) incidents.count);
  }

  private Report.Latency latencyIdle(
      EngineProcess engine, AlertFactory alerts, List<String> profiles) throws Exception {
    log(
        "alert-to-incident latency, idle engine: "
            + options.latencyAlerts
            + " direct-rule alerts "
            + options.latencySpacingMs
            + " ms apart");
    awaitIdle(engine);
    Path jfr = startProfile(engine, "latency-idle");
    Histogram before = Histogram.parse(engine.prometheus(), HISTOGRAM);
    CpuClock.Reading cpuBefore = CpuClock.read(engine.pid());
    Map<String, Double> threadsBefore = CpuClock.threads(engine.pid());
    long t0 = System.nanoTime();
    double[] postMillis = postDirect(engine, alerts, options.latencySpacingMs);
    long postedAt = System.nanoTime();
    Histogram delta = awaitIncidents(engine, before, options.latencyAlerts);
    awaitIdle(engine);
    CpuClock.Reading cpu = CpuClock.read(engine.pid()).minus(cpuBefore);
    Map<String, Double> threadCpu = CpuClock.minus(CpuClock.threads(engine.pid()), threadsBefore);
    stopProfile(engine, jfr, "Profile, alert-to-incident latency on an idle engine", profiles);
    return new Report.Latency(
        "idle engine",
        options.latencyAlerts,
        options.latencySpacingMs,
        delta,
        postMillis,
        (postedAt - t0) / 1e9,
        0,
        0,
        0,
        cpu,
        threadCpu);
  }

  private Report.Latency latencyUnderLoad(
      EngineProcess engine, AlertFactory alerts, List<String> profiles) throws Exception {
    log(
        "alert-to-incident latency under load: "
            + options.loadThreads
            + " thread(s) posting batches of "
            + options.batchSize
            + " at "
            + options.loadRate
            + " alerts/s while "
            + options.latencyAlerts
            + " direct-rule alerts go in "
            + options.loadLatencySpacingMs
            + " ms apart");
    awaitIdle(engine);
    Path jfr = startProfile(engine, "latency-load");
    Histogram before = Histogram.parse(engine.prometheus(), HISTOGRAM);
    CpuClock.Reading cpuBefore = CpuClock.read(engine.pid());
    Map<String, Double> threadsBefore = CpuClock.threads(engine.pid());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong loadAccepted = new AtomicLong();
    AtomicInteger nextBatch = new AtomicInteger();
    long bruteForcesBefore = alerts.bruteForces();
    // Open loop: batch i is due at start + i * (batch size / rate), whether or not earlier ones
    // were answered yet (each thread posts the next due batch as soon as it is free).
    long nanosPerBatch = (long) (1e9 * options.batchSize / Math.max(1, options.loadRate));
    ExecutorService load = Executors.newFixedThreadPool(options.loadThreads);
    List<Future<?>> loaders = new ArrayList<>();
    long loadStart = System.nanoTime();
    for (int i = 0; i < options.loadThreads; i++) {
      loaders.add(
          load.submit(
              () -> {
                while (!stop.get()) {
                  long due = loadStart + nextBatch.getAndIncrement() * nanosPerBatch;
                  long wait = due - System.nanoTime();
                  if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                  }
                  if (stop.get()) {
                    break;
                  }
                  HttpResponse<String> response =
                      post(engine, alerts.batch(options.batchSize), NDJSON);
                  loadAccepted.addAndGet(number(ACCEPTED, response.body()));
                }
                return null;
              }));
    }
    Thread.sleep(2000);
    long t0 = System.nanoTime();
    double[] postMillis = postDirect(engine, alerts, options.loadLatencySpacingMs);
    long postedAt = System.nanoTime();
    stop.set(true);
    for (Future<?> loader : loaders) {
      loader.get();
    }
    long loadEnd = System.nanoTime();
    load.shutdown();
    long backlogAtEnd = engine.backlog();
    long bruteForces = alerts.bruteForces() - bruteForcesBefore;
    Histogram delta =
        awaitIncidents(engine, before, options.latencyAlerts + (int) Math.min(bruteForces, 1000));
    awaitIdle(engine);
    CpuClock.Reading cpu = CpuClock.read(engine.pid()).minus(cpuBefore);
    Map<String, Double> threadCpu = CpuClock.minus(CpuClock.threads(engine.pid()), threadsBefore);
    stopProfile(engine, jfr, "Profile, alert-to-incident latency under load", profiles);
    return new Report.Latency(
        "under load",
        options.latencyAlerts,
        options.loadLatencySpacingMs,
        delta,
        postMillis,
        (postedAt - t0) / 1e9,
        loadAccepted.get() / ((loadEnd - loadStart) / 1e9),
        backlogAtEnd,
        bruteForces,
        cpu,
        threadCpu);
  }

  private Path startProfile(EngineProcess engine, String name) throws Exception {
    if (!options.profile) {
      return null;
    }
    Path jfr = options.repoRoot.resolve("bench/target/jfr/" + runId + "-" + name + ".jfr");
    Files.createDirectories(jfr.getParent());
    engine.jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + jfr);
    return jfr;
  }

  private void stopProfile(EngineProcess engine, Path jfr, String title, List<String> profiles)
      throws Exception {
    if (jfr == null) {
      return;
    }
    engine.jcmd("JFR.stop", "name=bench");
    profiles.add(
        JfrSummary.of(jfr).markdown(title + " (`" + options.repoRoot.relativize(jfr) + "`)"));
  }

  /**
   * Posts the direct-rule alerts one per request, {@code spacingMs} apart without waiting for the
   * answers (open loop, like a SIEM forwarding alerts as they fire); returns each POST's time.
   */
  private double[] postDirect(EngineProcess engine, AlertFactory alerts, int spacingMs)
      throws Exception {
    double[] millis = new double[options.latencyAlerts];
    ExecutorService senders = Executors.newCachedThreadPool();
    List<Future<?>> answers = new ArrayList<>();
    try {
      long start = System.nanoTime();
      for (int i = 0; i < options.latencyAlerts; i++) {
        long due = start + i * spacingMs * 1_000_000L;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        int index = i;
        byte[] body = alerts.directAlert(i);
        answers.add(
            senders.submit(
                () -> {
                  long sent = System.nanoTime();
                  HttpResponse<String> response = post(engine, body, "application/json");
                  millis[index] = (System.nanoTime() - sent) / 1e6;
                  if (number(ACCEPTED, response.body()) + number(DUPLICATES, response.body())
                      != 1) {
                    throw new IllegalStateException("direct alert not taken: " + response.body());
                  }
                  return null;
                }));
      }
      for (Future<?> answer : answers) {
        answer.get(5, TimeUnit.MINUTES);
      }
    } finally {
      senders.shutdownNow();
    }
    return millis;
  }

  /**
   * Waits until the rules caught up and the histogram counted {@code expected} more incidents (or
   * stopped growing), then returns what it recorded since {@code before}.
   */
  private Histogram awaitIncidents(EngineProcess engine, Histogram before, int expected)
      throws Exception {
    engine.awaitBacklogZero(Duration.ofMinutes(20), 100);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Histogram delta = Histogram.parse(engine.prometheus(), HISTOGRAM).minus(before);
    double lastCount = -1;
    int stableRounds = 0;
    while (delta.count < expected && System.nanoTime() < deadline && stableRounds < 20) {
      Thread.sleep(250);
      delta = Histogram.parse(engine.prometheus(), HISTOGRAM).minus(before);
      stableRounds = delta.count == lastCount ? stableRounds + 1 : 0;
      lastCount = delta.count;
    }
    if (delta.count < expected) {
      log("warning: expected " + expected + " incidents in the histogram, saw " + delta.count);
    }
    return delta;
  }

  /**
   * Waits until the backlog is 0 and the engine is quiet (under 0.15 CPU seconds in a second), so a
   * measurement does not pay for the previous one's playbook starts.
   */
  private void awaitIdle(EngineProcess engine) throws Exception {
    engine.awaitBacklogZero(Duration.ofMinutes(20), 200);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      CpuClock.Reading before = CpuClock.read(engine.pid());
      Thread.sleep(1000);
      CpuClock.Reading during = CpuClock.read(engine.pid()).minus(before);
      if (during.engine() < 0.15 || Double.isNaN(during.engine())) {
        return;
      }
    }
    log("note: the engine did not go quiet within 60 s; measuring anyway");
  }

  /** The outcome of posting a list of batches. */
  record Posted(
      long accepted,
      long duplicates,
      long firstSend,
      long lastAnswer,
      long intakeNanos,
      double[] batchMillis) {}

  private Posted postBatches(EngineProcess engine, List<byte[]> batches, int threads)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicLong accepted = new AtomicLong();
    AtomicLong duplicates = new AtomicLong();
    AtomicLong lastAnswer = new AtomicLong();
    double[] millis = new double[batches.size()];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long firstSend = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      workers.add(
          pool.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < batches.size()) {
                  long t = System.nanoTime();
                  HttpResponse<String> response = post(engine, batches.get(i), NDJSON);
                  long done = System.nanoTime();
                  millis[i] = (done - t) / 1e6;
                  accepted.addAndGet(number(ACCEPTED, response.body()));
                  duplicates.addAndGet(number(DUPLICATES, response.body()));
                  lastAnswer.accumulateAndGet(done, Math::max);
                }
                return null;
              }));
    }
    try {
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Posted(
        accepted.get(),
        duplicates.get(),
        firstSend,
        lastAnswer.get(),
        lastAnswer.get() - firstSend,
        millis);
  }

  private static HttpRequest request(EngineProcess engine, byte[] body, String contentType) {
    return HttpRequest.newBuilder(URI.create(engine.baseUrl + "/api/v1/alerts"))
        .timeout(Duration.ofMinutes(2))
        .header("Content-Type", contentType)
        .header("X-API-Key", EngineProcess.INTAKE_KEY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /**
   * POSTs alerts; answers other than 202 fail the run. A connection the server closed as it was
   * reused (keep-alive race) is retried once: safe, since event ids make a repeat a duplicate.
   */
  private HttpResponse<String> post(EngineProcess engine, byte[] body, String contentType)
      throws Exception {
    HttpResponse<String> response;
    try {
      response =
          http.send(request(engine, body, contentType), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException closed) {
      retries.incrementAndGet();
      response =
          http.send(request(engine, body, contentType), HttpResponse.BodyHandlers.ofString());
    }
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "POST /api/v1/alerts answered " + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  private static long number(Pattern field, String body) {
    Matcher m = field.matcher(body);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static double gcPauseSeconds(String prometheus) {
    return Histogram.sumOf(prometheus, "jvm_gc_pause_seconds_sum");
  }

  private static double heapUsedMb(String prometheus) {
    return Histogram.sumOf(prometheus, "jvm_memory_used_bytes", "area", "heap") / 1_048_576.0;
  }

  static double percentile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static void log(String message) {
    System.out.println(
        "[bench "
            + DateTimeFormatter.ofPattern("HH:mm:ss").format(Instant.now().atOffset(ZoneOffset.UTC))
            + "] "
            + message);
  }
}
