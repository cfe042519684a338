package dev.bulwark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The engine under test: {@code java -jar bulwark.jar} in its own process, on a free loopback port
 * with a fresh data directory, stopped (and its data deleted) by {@link #close()} or, should the
 * driver die, by a shutdown hook.
 */
final class EngineProcess implements AutoCloseable {

  private static final Pattern STATUS = Pattern.compile("^\\{\"status\":\"(\\w+)\"");
  private static final Pattern BACKLOG = Pattern.compile("\"backlog\":(\\d+)");
  private static final Pattern RECEIVED = Pattern.compile("\"received\":(\\d+)");

  final Path dataDir;
  final Path log;
  final int port;
  final String baseUrl;
  private Duration startupTime = Duration.ZERO;
  private final Process process;
  private final HttpClient http;
  private final Thread shutdownHook;
  private boolean keepData;

  private EngineProcess(
      Process process,
      Path dataDir,
      Path log,
      int port,
      HttpClient http,
      Thread hook,
      boolean keepData) {
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
    this.port = port;
    this.baseUrl = "http://127.0.0.1:" + port;
    this.http = http;
    this.shutdownHook = hook;
    this.keepData = keepData;
  }

  static EngineProcess start(Options options, HttpClient http) throws Exception {
    if (!Files.isRegularFile(options.jar)) {
      throw new IllegalStateException(
          options.jar
              + " does not exist: build it first with"
              + " `mvn -B -q -o install -DskipTests -Dspotless.check.skip=true`");
    }
    Path dataDir = Files.createTempDirectory("bulwark-bench-");
    Path log = dataDir.resolve("engine.log");
    // A private copy: a rebuild of the jar during the run must not pull it from under the engine.
    Path jar = Files.copy(options.jar, dataDir.resolve("bulwark.jar"));
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("-Xms" + options.heap);
    command.add("-Xmx" + options.heap);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    command.add("--server.address=127.0.0.1");
    command.add("--bulwark.data-dir=" + dataDir.resolve("data"));
    // The benchmark has no Elasticsearch; its health indicator would keep /actuator/health DOWN.
    command.add("--management.health.elasticsearch.enabled=false");
    command.add("--bulwark.demo.enabled=false");
    command.addAll(options.engineArgs);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(dataDir.toFile());
    long t0 = System.nanoTime();
    Process process = builder.start();
    Thread hook =
        new Thread(
            () -> {
              process.destroy();
              try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                  process.destroyForcibly();
                  process.waitFor(10, TimeUnit.SECONDS);
                }
              } catch (InterruptedException e) {
                process.destroyForcibly();
              }
              if (!options.keepData) {
                deleteRecursively(dataDir);
              }
            },
            "bulwark-bench-engine-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    EngineProcess engine =
        new EngineProcess(process, dataDir, log, port, http, hook, options.keepData);
    try {
      engine.awaitHealthy(Duration.ofMinutes(4));
    } catch (Exception e) {
      System.err.println("engine did not come up; errors in " + log + " (kept):");
      engine.errors(20).forEach(System.err::println);
      System.err.println("...\n" + engine.logTail(15));
      engine.keepData = true;
      engine.close();
      throw e;
    }
    engine.startupTime = Duration.ofNanos(System.nanoTime() - t0);
    return engine;
  }

  Duration startupTime() {
    return startupTime;
  }

  long pid() {
    return process.pid();
  }

  private void awaitHealthy(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the engine exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> response = get("/actuator/health");
        last = response.body();
        Matcher m = STATUS.matcher(last);
        if (response.statusCode() == 200 && m.find() && m.group(1).equals("UP")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "the engine was not healthy after " + timeout + "; last health answer: " + last);
  }

  /** The embedded default admin: status is for viewers, metrics for admins. */
  private static final String ADMIN_BASIC =
      "Basic "
          + java.util.Base64.getEncoder()
              .encodeToString("admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8));

  /** The embedded default intake key, which a SIEM would send. */
  static final String INTAKE_KEY = "dev-intake-key";

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", ADMIN_BASIC)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code journal.backlog} of {@code GET /api/v1/status}. */
  long backlog() throws IOException, InterruptedException {
    return status(BACKLOG);
  }

  /** {@code journal.received} of {@code GET /api/v1/status}. */
  long received() throws IOException, InterruptedException {
    return status(RECEIVED);
  }

  private long status(Pattern field) throws IOException, InterruptedException {
    String body = get("/api/v1/status").body();
    Matcher m = field.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("unexpected /api/v1/status answer: " + body);
    }
    return Long.parseLong(m.group(1));
  }

  /**
   * Polls the status every {@code pollMillis} until the backlog is 0; returns when that was seen.
   */
  long awaitBacklogZero(Duration timeout, long pollMillis) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (backlog() == 0) {
        return System.nanoTime();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the engine died; see " + log);
      }
      Thread.sleep(pollMillis);
    }
    throw new IllegalStateException("the backlog was not 0 after " + timeout + "; see " + log);
  }

  String prometheus() throws IOException, InterruptedException {
    return get("/actuator/prometheus").body();
  }

  /** Runs {@code jcmd <pid> <command...>} and returns its output. */
  String jcmd(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    line.add(Long.toString(process.pid()));
    line.addAll(List.of(command));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** Lines of the engine log with ERROR (or an OutOfMemoryError), at most {@code max}. */
  List<String> errors(int max) {
    try (Stream<String> lines = Files.lines(log)) {
      return lines
          .filter(
              l ->
                  l.contains(" ERROR ")
                      || l.startsWith("Caused by")
                      || l.contains("OutOfMemoryError"))
          .limit(max)
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    if (!keepData) {
      deleteRecursively(dataDir);
    }
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
