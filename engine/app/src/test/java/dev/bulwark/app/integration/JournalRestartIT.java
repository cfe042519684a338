package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.app.BulwarkApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The journal is the source of truth: alerts acknowledged by one engine run and not yet evaluated
 * when it stopped are evaluated by the next run on the same database.
 */
class JournalRestartIT {

  @TempDir Path dataDir;

  /** Both runs use the same database; on PostgreSQL one of their own, not the shared one. */
  private final List<String> database =
      PostgresTestDatabases.enabled()
          ? List.of(
              "--spring.datasource.url=" + PostgresTestDatabases.freshUrl(),
              "--spring.datasource.username=" + PostgresTestDatabases.user(),
              "--spring.datasource.password=" + PostgresTestDatabases.password())
          : List.of();

  @Test
  void alertsAcceptedBeforeAStopAreProcessedAfterTheRestart() throws Exception {
    String run = "restart-" + System.nanoTime();
    String user = "rs-" + Long.toHexString(System.nanoTime());

    try (ConfigurableApplicationContext first = start(false)) {
      BulwarkClient client = client(first);
      var response =
          client.post(
              "/api/v1/alerts",
              "application/x-ndjson",
              TestAlerts.load("brute_force.ndjson", user, run).getBytes(StandardCharsets.UTF_8));
      assertThat(response.status()).isEqualTo(202);
      JsonNode status = client.get("/api/v1/status").json();
      assertThat(status.at("/journal/received").asLong()).isEqualTo(6);
      assertThat(status.at("/journal/backlog").asLong()).isEqualTo(6);
      assertThat(client.get("/api/v1/incidents").json().get("total").asLong()).isZero();
    }
    if (!PostgresTestDatabases.enabled()) {
      assertThat(Files.list(dataDir))
          .as("the embedded database lives in the data dir")
          .isNotEmpty();
    }

    try (ConfigurableApplicationContext second = start(true)) {
      BulwarkClient client = client(second);
      JsonNode incidents =
          client.await(
              "/api/v1/incidents", list -> list.get("total").asLong() == 1, Duration.ofSeconds(30));
      assertThat(incidents.at("/items/0/entities/users/0").asText()).isEqualTo(user);
      assertThat(incidents.at("/items/0/alertCount").asInt()).isEqualTo(6);
      JsonNode status = client.get("/api/v1/status").json();
      assertThat(status.at("/journal/processed").asLong()).isEqualTo(6);
      assertThat(status.at("/journal/backlog").asLong()).isZero();
      client.await("/api/v1/approvals", approvals -> approvals.size() == 1, Duration.ofSeconds(30));
    }
  }

  private ConfigurableApplicationContext start(boolean processing) {
    // Command-line arguments, as a user would pass them: they override application.yaml.
    List<String> args = new ArrayList<>(database);
    args.addAll(
        List.of(
            "--server.port=0",
            "--bulwark.data-dir=" + dataDir.toAbsolutePath(),
            "--bulwark.processor.enabled=" + processing,
            "--bulwark.processor.poll-interval=200ms",
            "--camunda.bpm.process-engine-name=restarttest",
            // The webapps keep static state; a second context in this JVM must not replace the
            // shared context's.
            "--camunda.bpm.webapp.enabled=false"));
    return new SpringApplicationBuilder(BulwarkApplication.class).run(args.toArray(String[]::new));
  }

  private static BulwarkClient client(ConfigurableApplicationContext context) {
    return new BulwarkClient(
        Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }
}
