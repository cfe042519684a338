package dev.bulwark.app.integration.fault;

import dev.bulwark.app.integration.BulwarkClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged engine ({@code target/bulwark.jar}) as a separate operating-system process, so that
 * a test can {@code kill -9} it exactly as a crash would, and start it again on the same data.
 */
final class EngineProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target/bulwark.jar");
  // A deadline, not a wait: on a loaded two-core machine a start has taken two and a half minutes.
  private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

  private final Process process;
  private final int port;
  private final Path log;

  private EngineProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the engine with these arguments on a free port and waits until it is healthy. */
  static EngineProcess start(String name, List<String> arguments) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: run mvn verify, not test");
    }
    int port = freePort();
    // Logs stay under target/ after the test, for whoever has to read why a step failed.
    Path log = Path.of("target/fault-injection/" + name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
    command.add("--server.port=" + port);
    command.add("--bulwark.processor.poll-interval=200ms");
    command.addAll(arguments);
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      EngineProcess engine = new EngineProcess(process, port, log);
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      engine.awaitHealthy();
      return engine;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  BulwarkClient client() {
    return new BulwarkClient(port);
  }

  int port() {
    return port;
  }

  /** SIGKILL: no shutdown hooks, no commit of anything in flight. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the engine exited during start-up; see " + log);
      }
      try {
        var response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/serving"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "the engine did not become healthy in " + START_TIMEOUT + "; see " + log);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
