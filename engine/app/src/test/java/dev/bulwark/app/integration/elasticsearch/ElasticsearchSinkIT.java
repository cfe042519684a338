package dev.bulwark.app.integration.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Incidents, ledger entries and audit events reach their indices through the outbox, also across an
 * outage of the node: nothing is lost, nothing is indexed twice.
 */
class ElasticsearchSinkIT extends ElasticsearchEngineTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void anIncidentItsActionsAndItsAuditTrailAreIndexedAcrossANodeRestart() {
    String before = "sink-a-" + run;
    String incidentBefore = containedIncident(before);
    awaitIndexed("bulwark-incidents", "incident.id", incidentBefore, 1);

    String during = "sink-b-" + run;
    String incidentDuring;
    node().stop();
    try {
      // The engine goes on: alerts are accepted, incidents opened, actions taken.
      incidentDuring = containedIncident(during);
      JsonNode down = awaitHealth("elasticsearchSink", "DOWN", WAIT);
      assertThat(down.at("/components/elasticsearchSink/details/error").asText())
          .contains("Connection refused");
      assertThat(count("SELECT COUNT(*) FROM search_outbox WHERE failed_at IS NULL")).isPositive();
    } finally {
      node().restart();
    }

    awaitHealth("elasticsearchSink", "UP", WAIT);
    awaitIndexed("bulwark-incidents", "incident.id", incidentDuring, 1);
    awaitCountsEqualTheDatabase();

    JsonNode indexed = document("bulwark-incidents", incidentDuring);
    assertThat(indexed.at("/incident/status").asText()).isEqualTo("contained");
    assertThat(indexed.at("/incident/alert_count").asInt()).isEqualTo(1);
    assertThat(indexed.at("/related/user/0").asText()).isEqualTo(during);
    assertThat(indexed.at("/incident/signals").toString()).contains("Remote access tool launched");
    int ledgered = client().get("/api/v1/incidents/" + incidentDuring + "/actions").json().size();
    assertThat(ledgered).isPositive();
    assertThat(countOf("bulwark-actions", "incident.id", incidentDuring)).isEqualTo(ledgered);
    assertThat(countOf("bulwark-audit-*", "incident.id", incidentDuring))
        .isEqualTo(
            count("SELECT COUNT(*) FROM incident_timeline WHERE incident_id = ?", incidentDuring));
  }

  @Test
  void theIndicesHaveExplicitMappings() {
    containedIncident("sink-m-" + run);
    awaitCountsEqualTheDatabase();

    JsonNode incidents = json(node().request("GET", "/bulwark-incidents/_mapping", null));
    assertThat(
            incidents
                .at("/bulwark-incidents/mappings/properties/incident/properties/status/type")
                .asText())
        .isEqualTo("keyword");
    assertThat(
            incidents
                .at("/bulwark-incidents/mappings/properties/related/properties/ip/type")
                .asText())
        .isEqualTo("ip");
    JsonNode actions = json(node().request("GET", "/bulwark-actions/_mapping", null));
    assertThat(
            actions
                .at("/bulwark-actions/mappings/properties/event/properties/outcome/type")
                .asText())
        .isEqualTo("keyword");
    JsonNode audit = json(node().request("GET", "/bulwark-audit-*/_mapping", null));
    assertThat(audit.fieldNames().next()).startsWith("bulwark-audit-");
    assertThat(audit.elements().next().at("/mappings/properties/@timestamp/type").asText())
        .isEqualTo("date");
  }

  /** Posts a high-risk alert for the user, approves the playbook, waits until it is contained. */
  private String containedIncident(String user) {
    var response =
        client()
            .post(
                "/api/v1/alerts",
                "application/json",
                resource("/alerts/high_risk_siem_alert.json", user, run + user)
                    .getBytes(StandardCharsets.UTF_8));
    assertThat(response.status()).isEqualTo(202);
    JsonNode incidents =
        client().await("/api/v1/incidents?size=500", list -> incidentOf(list, user) != null, WAIT);
    String incidentId = incidentOf(incidents, user).get("id").asText();
    JsonNode approvals =
        client()
            .await(
                "/api/v1/approvals",
                list -> list.findValuesAsText("incidentId").contains(incidentId),
                WAIT);
    String taskId = null;
    for (JsonNode approval : approvals) {
      if (approval.get("incidentId").asText().equals(incidentId)) {
        taskId = approval.get("id").asText();
      }
    }
    assertThat(
            client()
                .postJson("/api/v1/approvals/" + taskId, "{\"decision\": \"approve\"}")
                .status())
        .isEqualTo(200);
    client()
        .await(
            "/api/v1/incidents/" + incidentId,
            i -> i.get("status").asText().equals("contained"),
            WAIT);
    return incidentId;
  }

  private void awaitCountsEqualTheDatabase() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!shardsReady()) {
        pause();
        continue;
      }
      long indexedIncidents;
      long indexedActions;
      long indexedAudit;
      try {
        node().request("POST", "/bulwark-*/_refresh", null);
        indexedIncidents = total("bulwark-incidents");
        indexedActions = total("bulwark-actions");
        indexedAudit = total("bulwark-audit-*");
      } catch (IllegalStateException shardNotReadyYet) {
        last = shardNotReadyYet.getMessage();
        pause();
        continue;
      }
      long incidents = count("SELECT COUNT(*) FROM incident");
      long actions = count("SELECT COUNT(*) FROM action_ledger");
      long timeline = count("SELECT COUNT(*) FROM incident_timeline");
      long outbox = count("SELECT COUNT(*) FROM search_outbox");
      if (outbox == 0
          && indexedIncidents == incidents
          && indexedActions == actions
          && indexedAudit == timeline) {
        return;
      }
      last =
          String.format(
              "database %d/%d/%d, indices %d/%d/%d, outbox %d",
              incidents, actions, timeline, indexedIncidents, indexedActions, indexedAudit, outbox);
      pause();
    }
    throw new AssertionError("indices did not catch up with the database: " + last);
  }

  private void awaitIndexed(String index, String field, String value, long expected) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!shardsReady()) {
        pause();
        continue;
      }
      try {
        node().request("POST", "/" + index + "/_refresh", null);
        if (countOf(index, field, value) == expected) {
          return;
        }
      } catch (IllegalStateException shardNotReadyYet) {
        // a shard of a just-created or just-recovered index: ask again
      }
      pause();
    }
    throw new AssertionError(index + " never held " + expected + " documents with " + value);
  }

  /** After a restart the shards of existing indices take a moment to recover. */
  private boolean shardsReady() {
    JsonNode health = json(node().request("GET", "/_cluster/health/bulwark-*", null));
    return !"red".equals(health.path("status").asText())
        && health.path("initializing_shards").asInt() == 0;
  }

  private long total(String index) {
    return json(node().request("GET", "/" + index + "/_count?allow_no_indices=true", null))
        .path("count")
        .asLong();
  }

  private long countOf(String index, String field, String value) {
    return json(node()
            .request(
                "POST",
                "/" + index + "/_count?allow_no_indices=true",
                "{\"query\": {\"term\": {\"" + field + "\": \"" + value + "\"}}}"))
        .path("count")
        .asLong();
  }

  private JsonNode document(String index, String id) {
    return json(node().request("GET", "/" + index + "/_doc/" + id, null)).get("_source");
  }

  private static JsonNode incidentOf(JsonNode list, String user) {
    for (JsonNode item : list.get("items")) {
      if (item.at("/entities/users").toString().contains("\"" + user + "\"")) {
        return item;
      }
    }
    return null;
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
