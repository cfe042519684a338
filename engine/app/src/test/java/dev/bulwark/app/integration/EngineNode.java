package dev.bulwark.app.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One engine started from the built jar as its own process, as an operator would run it; killed at
 * the latest when the test JVM exits. Its output goes to {@code target/engine-nodes/<name>.log}.
 */
final class EngineNode implements AutoCloseable {

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private EngineNode(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts the jar with the given arguments on a free port; returns once it is healthy. */
  static EngineNode start(String name, Map<String, String> env, List<String> args, Duration wait) {
    Path jar = Path.of(System.getProperty("bulwark.it.jar", "target/bulwark.jar"));
    try {
      Path logs = Files.createDirectories(jar.toAbsolutePath().getParent().resolve("engine-nodes"));
      Path log = logs.resolve(name + ".log");
      Path dataDir = Files.createTempDirectory("bulwark-" + name);
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
      command.add("--server.port=" + port);
      command.add("--bulwark.data-dir=" + dataDir);
      command.add("--bulwark.cluster.node-id=" + name);
      command.addAll(args);
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      EngineNode node = new EngineNode(name, port, process, log);
      node.awaitHealthy(wait);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name() {
    return name;
  }

  BulwarkClient client() {
    return new BulwarkClient(port);
  }

  /** CPU time the process has used so far (all its threads), for the benchmark. */
  Duration cpu() {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** Ends the process without a chance to clean up, as a crash or an OOM kill would. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitHealthy(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (client().get("/actuator/health").status() == 200) {
          return;
        }
      } catch (UncheckedIOException notYetListening) {
        // Still starting.
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(name + " not healthy within " + wait + "; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
