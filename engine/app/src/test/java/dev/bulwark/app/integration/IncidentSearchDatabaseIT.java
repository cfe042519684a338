package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Without Elasticsearch configured, the incident search runs in the database, and nothing about
 * Elasticsearch exists: no client, no workers, no health components.
 */
@EngineIT
class IncidentSearchDatabaseIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void searchRunsInTheDatabaseOverTitleEntitiesAndSignals() {
    BulwarkClient client = new BulwarkClient(port);
    String user = "dbq-" + run;
    client.postJson("/api/v1/alerts", TestAlerts.load("high_risk_siem_alert.json", user, run));
    JsonNode found =
        client.await("/api/v1/incidents?q=" + user, r -> r.get("total").asLong() == 1, WAIT);

    assertThat(found.at("/items/0/entities/users/0").asText()).isEqualTo(user);
    assertThat(total(client, "q=REMOTE%20launched%20" + user)).isEqualTo(1);
    assertThat(total(client, "q=" + user + "-ws")).isEqualTo(1);
    assertThat(total(client, "q=" + user + "&severity=critical")).isEqualTo(1);
    assertThat(total(client, "q=" + user + "&severity=low")).isZero();
    assertThat(total(client, "q=" + user + "&status=closed")).isZero();
    assertThat(total(client, "q=" + user + "&from=2999-01-01T00:00:00Z")).isZero();
    assertThat(total(client, "q=" + user + "%25")).isZero();
  }

  @Test
  void aBadTimeIsAProblemNamingTheParameter() {
    var response = new BulwarkClient(port).get("/api/v1/incidents?from=yesterday");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asText())
        .contains("from must be an ISO-8601 instant")
        .contains("yesterday");
  }

  @Test
  void nothingOfElasticsearchExistsWhenItIsNotConfigured() {
    assertThat(
            context.getBeanNamesForType(co.elastic.clients.elasticsearch.ElasticsearchClient.class))
        .isEmpty();
    JsonNode health = new BulwarkClient(port).get("/actuator/health").json();
    assertThat(health.path("components").has("elasticsearchSink")).isFalse();
    assertThat(health.path("components").has("elasticsearchSource")).isFalse();
    assertThat(health.path("components").has("elasticsearch")).isFalse();
  }

  private static long total(BulwarkClient client, String query) {
    var response = client.get("/api/v1/incidents?" + query);
    assertThat(response.status()).isEqualTo(200);
    return response.json().get("total").asLong();
  }
}
