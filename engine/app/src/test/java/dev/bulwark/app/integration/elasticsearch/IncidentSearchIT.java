package dev.bulwark.app.integration.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/incidents?q=...} answered by Elasticsearch when it is configured. */
class IncidentSearchIT extends ElasticsearchEngineTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void searchFindsIncidentsByEntityAndSignalAndFiltersThem() {
    String user = "find-" + run;
    String incidentId = openIncident(user);

    JsonNode byUser = awaitSearch("q=" + user, 1);
    assertThat(byUser.at("/items/0/id").asText()).isEqualTo(incidentId);
    assertThat(byUser.at("/items/0/entities/users/0").asText()).isEqualTo(user);
    assertThat(byUser.at("/items/0/playbook/key").asText())
        .isEqualTo("contain_compromised_account");

    assertThat(search("q=remote%20access%20launched%20" + user).get("total").asLong()).isEqualTo(1);
    assertThat(search("q=" + user + "-ws").get("total").asLong()).isEqualTo(1);
    assertThat(search("q=" + user + "&severity=critical").get("total").asLong()).isEqualTo(1);
    assertThat(search("q=" + user + "&severity=high,low").get("total").asLong()).isZero();
    assertThat(search("q=" + user + "&status=closed").get("total").asLong()).isZero();
    assertThat(search("q=" + user + "&status=open,contained").get("total").asLong()).isEqualTo(1);
    assertThat(search("q=" + user + "&from=2999-01-01T00:00:00Z").get("total").asLong()).isZero();
    assertThat(search("q=" + user + "&to=2999-01-01T00:00:00Z").get("total").asLong()).isEqualTo(1);
  }

  @Test
  void theAnswerComesFromTheIndex() {
    String user = "idx-" + run;
    String incidentId = openIncident(user);
    awaitSearch("q=" + user, 1);
    // Wait until the playbook has started and that change is indexed, so nothing re-indexes it.
    awaitIndexedPlaybookState(incidentId, "running");

    node().request("DELETE", "/bulwark-incidents/_doc/" + incidentId + "?refresh=true", null);

    assertThat(search("q=" + user).get("total").asLong()).isZero();
    assertThat(client().get("/api/v1/incidents/" + incidentId).status()).isEqualTo(200);
  }

  @Test
  void aBadFilterIsAProblemNamingTheParameter() {
    var response = client().get("/api/v1/incidents?q=x&status=resolved");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("detail").asText())
        .contains("status must be one of open, contained, closed, false_positive; got resolved");
  }

  private String openIncident(String user) {
    var response =
        client()
            .post(
                "/api/v1/alerts",
                "application/json",
                resource("/alerts/high_risk_siem_alert.json", user, run + user)
                    .getBytes(StandardCharsets.UTF_8));
    assertThat(response.status()).isEqualTo(202);
    JsonNode list =
        client()
            .await(
                "/api/v1/incidents?size=500",
                l -> l.findValuesAsText("title").stream().anyMatch(t -> t.endsWith(user)),
                WAIT);
    for (JsonNode item : list.get("items")) {
      if (item.get("title").asText().endsWith(user)) {
        return item.get("id").asText();
      }
    }
    throw new AssertionError("no incident for " + user);
  }

  private JsonNode awaitSearch(String query, long total) {
    return client()
        .await("/api/v1/incidents?" + query, r -> r.get("total").asLong() == total, WAIT);
  }

  private JsonNode search(String query) {
    var response = client().get("/api/v1/incidents?" + query);
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  private void awaitIndexedPlaybookState(String incidentId, String state) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (node()
          .request("GET", "/bulwark-incidents/_doc/" + incidentId, null)
          .contains("\"state\":\"" + state + "\"")) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the indexed incident never reached playbook state " + state);
  }
}
