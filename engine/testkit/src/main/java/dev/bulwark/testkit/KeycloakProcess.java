package dev.bulwark.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One {@code kc.sh start-dev} process tied to this JVM, and the wait until it is ready. */
final class KeycloakProcess {

  private final TiedProcess process;
  private final int httpPort;

  private KeycloakProcess(TiedProcess process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  static KeycloakProcess start(Path home, int[] ports) {
    int httpPort = ports[0];
    int managementPort = ports[1];
    Path log = home.resolveSibling("keycloak-" + ProcessHandle.current().pid() + ".log");
    TiedProcess process =
        TiedProcess.start(
            List.of(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--cache=local"),
            home,
            Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USERNAME,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD,
                // C1 only: Keycloak's start is dominated by class loading and JIT on 2 cores.
                "JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1"),
            log);
    KeycloakProcess keycloak = new KeycloakProcess(process, httpPort);
    keycloak.awaitReady(managementPort);
    return keycloak;
  }

  int httpPort() {
    return httpPort;
  }

  void stop() {
    process.stop();
  }

  private void awaitReady(int managementPort) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
    Instant deadline = Instant.now().plus(KeycloakServer.START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited during start:\n" + process.logTail());
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
        "Keycloak not ready after " + KeycloakServer.START_TIMEOUT + ":\n" + process.logTail());
  }
}
