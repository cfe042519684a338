package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.app.BulwarkApplication;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * When the rules fall too far behind, intake says so with 429 and Retry-After instead of letting
 * the journal grow without bound; nothing of the refused batch is stored. The rules are switched
 * off here so that the backlog stays where the test put it.
 */
class BackPressureIT {

  @Test
  void pastTheBacklogLimitAlertsAreRefusedWith429AndRetryAfter() {
    try (ConfigurableApplicationContext engine =
        new SpringApplicationBuilder(BulwarkApplication.class)
            .run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:bulwark-backpressure;DB_CLOSE_DELAY=-1",
                "--bulwark.processor.enabled=false",
                "--bulwark.intake.max-backlog=5",
                "--bulwark.intake.retry-after=7s",
                "--camunda.bpm.process-engine-name=backpressure",
                // The webapps keep static state; a second context in this JVM must not replace the
                // shared context's.
                "--camunda.bpm.webapp.enabled=false")) {
      BulwarkClient client =
          new BulwarkClient(
              Integer.parseInt(engine.getEnvironment().getProperty("local.server.port")));
      var filled =
          client.post(
              "/api/v1/alerts",
              "application/x-ndjson",
              TestAlerts.load("brute_force.ndjson", "bp-user", "bp")
                  .getBytes(StandardCharsets.UTF_8));
      assertThat(filled.status()).isEqualTo(202);

      var refused =
          client.postJson(
              "/api/v1/alerts", TestAlerts.load("high_risk_siem_alert.json", "bp-user", "bp2"));

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isEqualTo("7");
      assertThat(refused.json().get("type").asText())
          .isEqualTo("https://bulwark.dev/problems/backlog-full");
      assertThat(refused.json().get("detail").asText())
          .isEqualTo(
              "the engine is 6 alerts behind (limit bulwark.intake.max-backlog = 5); retry after 7 s");
      assertThat(client.get("/api/v1/status").json().at("/journal/received").asLong()).isEqualTo(6);
    }
  }
}
