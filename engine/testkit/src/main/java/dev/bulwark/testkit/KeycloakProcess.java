package dev.bulwark.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code kc.sh start-dev} process whose life is tied to this JVM: a small shell wrapper starts
 * Keycloak in its own process group and kills that group as soon as its stdin closes, which happens
 * when this JVM exits for any reason, even {@code kill -9}.
 */
final class KeycloakProcess {

  /**
   * Kills the whole process group (kc.sh and its java) once the JVM that owns stdin is gone. The
   * watcher reads stdin through fd 3 because sh gives background jobs /dev/null as stdin.
   */
  private static final String WRAPPER =
      "exec 3<&0; setsid \"$@\" & kc=$!;"
          + " (cat <&3 >/dev/null; kill -TERM -$kc 2>/dev/null;"
          + "  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do"
          + "    kill -0 -$kc 2>/dev/null || exit 0; sleep 1; done;"
          + "  kill -KILL -$kc 2>/dev/null) &"
          + " wait $kc";

  private final Process wrapper;
  private final int httpPort;
  private final Path log;

  private KeycloakProcess(Process wrapper, int httpPort, Path log) {
    this.wrapper = wrapper;
    this.httpPort = httpPort;
    this.log = log;
  }

  static KeycloakProcess start(Path home, int[] ports) {
    int httpPort = ports[0];
    int managementPort = ports[1];
    Path log = home.resolveSibling("keycloak-" + ProcessHandle.current().pid() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    "/bin/sh",
                    "-c",
                    WRAPPER,
                    "keycloak-wrapper",
                    home.resolve("bin/kc.sh").toString(),
                    "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + httpPort,
                    "--http-management-port=" + managementPort,
                    "--health-enabled=true",
                    "--cache=local"))
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USERNAME);
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
    // C1 only: Keycloak's start is dominated by class loading and JIT on 2 cores.
    builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
    Process wrapper;
    try {
      wrapper = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + home.resolve("bin/kc.sh"), e);
    }
    KeycloakProcess process = new KeycloakProcess(wrapper, httpPort, log);
    Runtime.getRuntime().addShutdownHook(new Thread(process::stop, "keycloak-stop"));
    process.awaitReady(managementPort);
    return process;
  }

  int httpPort() {
    return httpPort;
  }

  /** Closing the wrapper's stdin makes it stop Keycloak; then wait for it to finish doing so. */
  void stop() {
    try {
      wrapper.getOutputStream().close();
      if (!wrapper.waitFor(30, TimeUnit.SECONDS)) {
        wrapper.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        wrapper.destroyForcibly();
      }
    } catch (IOException e) {
      wrapper.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(int managementPort) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
    Instant deadline = Instant.now().plus(KeycloakServer.START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!wrapper.isAlive()) {
        throw new IllegalStateException("Keycloak exited during start:\n" + logTail());
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
        throw new IllegalStateException("interrupted while waiting for Keycloak", e);
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
        throw new IllegalStateException("interrupted while waiting for Keycloak", e);
      }
    }
    stop();
    throw new IllegalStateException(
        "Keycloak not ready after " + KeycloakServer.START_TIMEOUT + ":\n" + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }
}
