package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@EngineIT
class AlertToContainmentIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  private BulwarkClient client;
  private final String run = UUID.randomUUID().toString();

  @BeforeEach
  void connect() {
    client = new BulwarkClient(port);
  }

  @Test
  void bruteForceBecomesAnIncidentWhoseApprovedPlaybookPerformsFourActions() {
    String user = "bf-" + run.substring(0, 8);
    var response =
        client.post(
            "/api/v1/alerts",
            "application/x-ndjson",
            TestAlerts.load("brute_force.ndjson", user, run).getBytes(StandardCharsets.UTF_8));
    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json().get("accepted").asInt()).isEqualTo(6);
    assertThat(response.json().get("duplicates").asInt()).isZero();

    JsonNode incident = awaitIncidentFor(user);
    assertThat(incident.get("title").asText()).contains(user);
    assertThat(incident.get("severity").asText()).isEqualTo("high");
    assertThat(incident.get("status").asText()).isEqualTo("open");
    assertThat(incident.get("alertCount").asInt()).isEqualTo(6);
    assertThat(incident.get("riskScore").asInt()).isPositive();
    assertThat(incident.get("ruleIds")).hasSize(1);
    assertThat(texts(incident.at("/entities/users"))).containsExactly(user);
    assertThat(texts(incident.at("/entities/hosts"))).containsExactly(user + "-laptop");
    assertThat(texts(incident.at("/entities/ips"))).containsExactly("203.0.113.7");
    assertThat(incident.at("/playbook/key").asText()).isEqualTo("contain_compromised_account");
    String incidentId = incident.get("id").asText();

    JsonNode approval = awaitApprovalFor(incidentId);
    assertThat(texts(approval.get("candidateGroups"))).containsExactly("soc-analysts");
    assertThat(texts(approval.get("actions")))
        .containsExactly("DISABLE_ACCOUNT", "REVOKE_SESSIONS", "ISOLATE_HOST", "NOTIFY");
    assertThat(approval.get("due").isNull()).isFalse();
    assertThat(client.get("/api/v1/incidents/" + incidentId + "/actions").json()).isEmpty();

    var decided =
        client.postJson(
            "/api/v1/approvals/" + approval.get("id").asText(),
            "{\"decision\": \"approve\", \"comment\": \"confirmed with the user's manager\"}");
    assertThat(decided.status()).isEqualTo(200);

    JsonNode actions =
        client.await(
            "/api/v1/incidents/" + incidentId + "/actions",
            a -> a.size() == 4 && allMatch(a, "status", "SIMULATED"),
            WAIT);
    assertThat(values(actions, "type"))
        .containsExactlyInAnyOrder("DISABLE_ACCOUNT", "REVOKE_SESSIONS", "ISOLATE_HOST", "NOTIFY");
    assertThat(values(actions, "target"))
        .containsExactlyInAnyOrder(user, user, user + "-laptop", "security");
    assertThat(values(actions, "provider")).containsOnly("simulate");
    assertThat(values(actions, "idempotencyKey")).contains(incidentId + ":DISABLE_ACCOUNT:" + user);

    JsonNode contained =
        client.await(
            "/api/v1/incidents/" + incidentId,
            i -> i.get("status").asText().equals("contained"),
            WAIT);
    assertThat(contained.at("/playbook/state").asText()).isEqualTo("completed");
    List<String> kinds = values(contained.get("timeline"), "kind");
    assertThat(kinds).contains("alert", "rule_hit", "playbook", "approval", "action");
    JsonNode approvalEntry = find(contained.get("timeline"), "kind", "approval");
    assertThat(approvalEntry.at("/details/decision").asText()).isEqualTo("approve");
    assertThat(approvalEntry.at("/details/channel").asText()).isEqualTo("api");
    assertThat(approvalEntry.at("/details/comment").asText())
        .isEqualTo("confirmed with the user's manager");
  }

  @Test
  void rejectedApprovalLeavesTheLedgerEmpty() {
    String user = "rj-" + run.substring(0, 8);
    var response =
        client.postJson("/api/v1/alerts", TestAlerts.load("high_risk_siem_alert.json", user, run));
    assertThat(response.status()).isEqualTo(202);

    JsonNode incident = awaitIncidentFor(user);
    String incidentId = incident.get("id").asText();
    JsonNode approval = awaitApprovalFor(incidentId);

    var decided =
        client.postJson(
            "/api/v1/approvals/" + approval.get("id").asText(),
            "{\"decision\": \"reject\", \"comment\": \"authorised admin tool\"}");
    assertThat(decided.status()).isEqualTo(200);

    JsonNode ended =
        client.await(
            "/api/v1/incidents/" + incidentId,
            i -> i.at("/playbook/state").asText().equals("completed"),
            WAIT);
    assertThat(ended.get("status").asText()).isEqualTo("open");
    assertThat(client.get("/api/v1/incidents/" + incidentId + "/actions").json()).isEmpty();
    assertThat(client.get("/api/v1/approvals").json().findValuesAsText("incidentId"))
        .doesNotContain(incidentId);
  }

  @Test
  void anApprovalSubmittedThroughTheTasklistFormIsRecordedWithItsChannel() {
    String user = "tl-" + run.substring(0, 8);
    client.postJson("/api/v1/alerts", TestAlerts.load("high_risk_siem_alert.json", user, run));
    String incidentId = awaitIncidentFor(user).get("id").asText();
    String taskId = awaitApprovalFor(incidentId).get("id").asText();

    // What the Camunda Tasklist sends when an analyst ticks the form's checkbox and completes.
    var submitted =
        client.postJson(
            "/engine-rest/task/" + taskId + "/submit-form",
            "{\"variables\": {\"approved\": {\"value\": true, \"type\": \"Boolean\"},"
                + " \"approvalComment\": {\"value\": \"from the tasklist\", \"type\": \"String\"}}}");
    assertThat(submitted.status()).isEqualTo(204);

    JsonNode contained =
        client.await(
            "/api/v1/incidents/" + incidentId,
            i -> i.get("status").asText().equals("contained"),
            WAIT);
    JsonNode approvalEntry = find(contained.get("timeline"), "kind", "approval");
    assertThat(approvalEntry.at("/details/channel").asText()).isEqualTo("tasklist");
    assertThat(approvalEntry.at("/details/comment").asText()).isEqualTo("from the tasklist");
    assertThat(client.get("/api/v1/incidents/" + incidentId + "/actions").json()).hasSize(4);
  }

  @Test
  void theEmbeddedAnalystsCanSeeApprovalsInTheTasklist() {
    JsonNode analysts = client.get("/engine-rest/user?memberOfGroup=soc-analysts").json();

    assertThat(values(analysts, "id")).contains("analyst", "analyst2");
  }

  @Test
  void aSecondDecisionOnTheSameApprovalIsRefused() {
    String user = "dd-" + run.substring(0, 8);
    client.postJson("/api/v1/alerts", TestAlerts.load("high_risk_siem_alert.json", user, run));
    String incidentId = awaitIncidentFor(user).get("id").asText();
    String taskId = awaitApprovalFor(incidentId).get("id").asText();

    assertThat(
            client.postJson("/api/v1/approvals/" + taskId, "{\"decision\": \"reject\"}").status())
        .isEqualTo(200);
    var again = client.postJson("/api/v1/approvals/" + taskId, "{\"decision\": \"approve\"}");

    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().get("detail").asText()).contains(taskId);
  }

  @Test
  void anUnknownDecisionIsABadRequestAndLeavesTheApprovalOpen() {
    String user = "ud-" + run.substring(0, 8);
    client.postJson("/api/v1/alerts", TestAlerts.load("high_risk_siem_alert.json", user, run));
    String incidentId = awaitIncidentFor(user).get("id").asText();
    String taskId = awaitApprovalFor(incidentId).get("id").asText();

    var response = client.postJson("/api/v1/approvals/" + taskId, "{\"decision\": \"maybe\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asText())
        .isEqualTo("decision must be \"approve\" or \"reject\"; got \"maybe\"");
    assertThat(client.get("/api/v1/approvals").json().findValuesAsText("id")).contains(taskId);
  }

  @Test
  void laterAlertsOfTheSameRuleAndUserJoinTheOpenIncident() {
    String user = "jn-" + run.substring(0, 8);
    client.postJson("/api/v1/alerts", TestAlerts.load("high_risk_siem_alert.json", user, run));
    String first = awaitIncidentFor(user).get("id").asText();

    String second =
        TestAlerts.load("high_risk_siem_alert.json", user, run + "-again")
            .replace("09:00:00Z", "09:05:00Z");
    client.postJson("/api/v1/alerts", second);

    JsonNode grown =
        client.await("/api/v1/incidents/" + first, i -> i.get("alertCount").asInt() == 2, WAIT);
    assertThat(grown.get("id").asText()).isEqualTo(first);
    assertThat(incidentsFor(user)).hasSize(1);
  }

  private JsonNode awaitIncidentFor(String user) {
    client.await("/api/v1/incidents?size=500", list -> !incidentsFor(list, user).isEmpty(), WAIT);
    return incidentsFor(user).get(0);
  }

  private List<JsonNode> incidentsFor(String user) {
    return incidentsFor(client.get("/api/v1/incidents?size=500").json(), user);
  }

  private static List<JsonNode> incidentsFor(JsonNode list, String user) {
    List<JsonNode> found = new ArrayList<>();
    list.get("items")
        .forEach(
            i -> {
              if (texts(i.at("/entities/users")).contains(user)) {
                found.add(i);
              }
            });
    return found;
  }

  private JsonNode awaitApprovalFor(String incidentId) {
    JsonNode approvals =
        client.await(
            "/api/v1/approvals", list -> find(list, "incidentId", incidentId) != null, WAIT);
    return find(approvals, "incidentId", incidentId);
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode element : array) {
      if (value.equals(element.path(field).asText())) {
        return element;
      }
    }
    return null;
  }

  private static boolean allMatch(JsonNode array, String field, String value) {
    for (JsonNode element : array) {
      if (!value.equals(element.path(field).asText())) {
        return false;
      }
    }
    return true;
  }

  private static List<String> values(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(element -> values.add(element.path(field).asText()));
    return values;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(element -> values.add(element.asText()));
    return values;
  }
}
