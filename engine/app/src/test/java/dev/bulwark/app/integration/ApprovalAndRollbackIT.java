package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.app.approval.ApprovalLinks;
import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Deciding by signed link, rolling back a false positive, and editing the approval policy. */
@EngineIT
class ApprovalAndRollbackIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired ApprovalLinks links;
  @Autowired ActionLedger ledger;
  private BulwarkClient client;
  private final String run = UUID.randomUUID().toString();

  @BeforeEach
  void connect() {
    client = new BulwarkClient(port);
  }

  @Test
  void aFalsePositiveUndoesTheContainmentClosesTheIncidentAndIsHarmlessTwice() {
    String user = "fp-" + run.substring(0, 8);
    String incidentId = incidentFor(user);
    String taskId = approvalFor(incidentId).get("id").asText();
    client.postJson("/api/v1/approvals/" + taskId, "{\"decision\": \"approve\"}");
    client.await(
        "/api/v1/incidents/" + incidentId, i -> i.get("status").asText().equals("contained"), WAIT);

    var first = client.postJson("/api/v1/incidents/" + incidentId + "/false-positive", "{}");
    assertThat(first.status()).isEqualTo(202);

    JsonNode closed =
        client.await(
            "/api/v1/incidents/" + incidentId,
            i -> i.get("status").asText().equals("false_positive"),
            WAIT);
    assertThat(closed.at("/playbook/state").asText()).isEqualTo("completed");
    assertThat(kinds(closed.get("timeline"))).contains("rollback");
    JsonNode ledger = client.get("/api/v1/incidents/" + incidentId + "/actions").json();
    assertThat(keys(ledger))
        .contains(
            incidentId + ":ENABLE_ACCOUNT:" + user + ":rollback",
            incidentId + ":RELEASE_HOST:" + user + "-ws:rollback",
            incidentId + ":NOTIFY:security:rollback");

    var again = client.postJson("/api/v1/incidents/" + incidentId + "/false-positive", "{}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("rollback").asText()).isEqualTo("already_done");
    assertThat(client.get("/api/v1/incidents/" + incidentId + "/actions").json().size())
        .isEqualTo(ledger.size());
  }

  @Test
  void afterThePlaybookEndedAnAccountThatWasAlreadyDisabledIsNoReasonToRefuseAFalsePositive() {
    String user = "uc-" + run.substring(0, 8);
    String incidentId = incidentFor(user);
    String taskId = approvalFor(incidentId).get("id").asText();
    client.postJson("/api/v1/approvals/" + taskId, "{\"decision\": \"reject\"}");
    client.await(
        "/api/v1/incidents/" + incidentId,
        i -> i.at("/playbook/state").asText().equals("completed"),
        WAIT);
    // The account had been disabled by someone else: the provider found it so (UNCHANGED).
    ActionRequest disable =
        new ActionRequest(incidentId, ActionType.DISABLE_ACCOUNT, user, Map.of());
    ledger.claim(disable, "keycloak");
    ledger.complete(
        disable.idempotencyKey(), ActionStatus.UNCHANGED, user + " was already disabled");

    var response = client.postJson("/api/v1/incidents/" + incidentId + "/false-positive", "{}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("rollback").asText()).isEqualTo("nothing_to_undo");
    JsonNode closed = client.get("/api/v1/incidents/" + incidentId).json();
    assertThat(closed.get("status").asText()).isEqualTo("false_positive");
    assertThat(closed.get("timeline").findValuesAsText("summary"))
        .anyMatch(
            s ->
                s.endsWith(
                    "; nothing to undo; "
                        + user
                        + " was already disabled before the incident; left disabled"));
  }

  @Test
  void afterThePlaybookEndedAnActionThatChangedATargetRefusesAFalsePositiveWithTheReason() {
    String user = "wc-" + run.substring(0, 8);
    String incidentId = incidentFor(user);
    String taskId = approvalFor(incidentId).get("id").asText();
    client.postJson("/api/v1/approvals/" + taskId, "{\"decision\": \"reject\"}");
    client.await(
        "/api/v1/incidents/" + incidentId,
        i -> i.at("/playbook/state").asText().equals("completed"),
        WAIT);
    ActionRequest isolate =
        new ActionRequest(incidentId, ActionType.ISOLATE_HOST, user + "-ws", Map.of());
    ledger.claim(isolate, "crowdstrike");
    ledger.complete(isolate.idempotencyKey(), ActionStatus.DONE, "contained by hand");

    var response = client.postJson("/api/v1/incidents/" + incidentId + "/false-positive", "{}");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().get("detail").asText()).contains("undo them by hand");
  }

  @Test
  void aSignedLinkDecidesOnceAsTheUserItWasSentToAndIsRecordedWithChannelLink() {
    String user = "ln-" + run.substring(0, 8);
    String incidentId = incidentFor(user);
    String taskId = approvalFor(incidentId).get("id").asText();
    JsonNode ledger =
        client.await(
            "/api/v1/incidents/" + incidentId + "/actions",
            a -> keys(a).contains(incidentId + ":NOTIFY:analyst:approval-" + taskId),
            WAIT);
    assertThat(keys(ledger)).contains(incidentId + ":NOTIFY:analyst2:approval-" + taskId);
    String token = links.issue(taskId, "analyst2", "reject");

    var shown = client.get("/api/v1/approvals/links/" + token);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.json().get("decision").asText()).isEqualTo("reject");
    assertThat(shown.json().at("/approval/incidentId").asText()).isEqualTo(incidentId);

    var decided =
        client.postJson("/api/v1/approvals/links/" + token, "{\"comment\": \"known admin\"}");
    assertThat(decided.status()).isEqualTo(200);
    assertThat(decided.json().get("state").asText()).isEqualTo("rejected");

    JsonNode incident =
        client.await(
            "/api/v1/incidents/" + incidentId,
            i -> i.at("/playbook/state").asText().equals("completed"),
            WAIT);
    JsonNode decision = null;
    for (JsonNode entry : incident.get("timeline")) {
      if (entry.at("/details/channel").asText().equals("link")) {
        decision = entry;
      }
    }
    assertThat(decision).isNotNull();
    assertThat(decision.at("/details/approver").asText()).isEqualTo("analyst2");
    assertThat(decision.at("/details/comment").asText()).isEqualTo("known admin");

    var reused = client.postJson("/api/v1/approvals/links/" + token, "{}");
    assertThat(reused.status()).isEqualTo(410);
    assertThat(reused.json().get("detail").asText()).contains("already used");
  }

  @Test
  void aForgedLinkIsRefusedAndDecidesNothing() {
    String user = "fg-" + run.substring(0, 8);
    String incidentId = incidentFor(user);
    String taskId = approvalFor(incidentId).get("id").asText();
    String token = links.issue(taskId, "analyst", "reject");
    String forged =
        token.substring(0, token.indexOf('.') + 1)
            + "AAAA"
            + token.substring(token.indexOf('.') + 5);

    var response = client.postJson("/api/v1/approvals/links/" + forged, "{}");

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.json().get("detail").asText()).contains("signature");
    assertThat(client.get("/api/v1/approvals").json().findValuesAsText("id")).contains(taskId);
  }

  @Test
  void anEditedPolicyUploadedThroughTheApiAppliesToTheNextIncidentWithoutARestart() {
    var current = client.get("/api/v1/policies/approval");
    assertThat(current.status()).isEqualTo(200);
    String original = current.body();
    String allAutomatic =
        original.replaceAll("(<outputEntry id=\"\\w+_out1\"><text>)\\d(</text>)", "$10$2");
    assertThat(allAutomatic).isNotEqualTo(original);

    var uploaded =
        client.put(
            "/api/v1/policies/approval",
            "application/xml",
            allAutomatic.getBytes(StandardCharsets.UTF_8));
    try {
      assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
      String user = "pa-" + run.substring(0, 8);
      String incidentId = incidentFor(user);

      JsonNode ledger =
          client.await(
              "/api/v1/incidents/" + incidentId + "/actions",
              a -> keys(a).contains(incidentId + ":DISABLE_ACCOUNT:" + user),
              WAIT);
      assertThat(keys(ledger)).contains(incidentId + ":ISOLATE_HOST:" + user + "-ws");
      assertThat(client.get("/api/v1/approvals").json().findValuesAsText("incidentId"))
          .doesNotContain(incidentId);
    } finally {
      client.put(
          "/api/v1/policies/approval",
          "application/xml",
          original.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aPolicyThatIsNotTheApprovalDecisionIsRefusedWithTheReason() {
    var response =
        client.put(
            "/api/v1/policies/approval",
            "application/xml",
            "<definitions>not a policy</definitions>".getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asText()).contains("approval_policy");
  }

  private String incidentFor(String user) {
    var response =
        client.postJson("/api/v1/alerts", TestAlerts.load("high_risk_siem_alert.json", user, run));
    assertThat(response.status()).isEqualTo(202);
    JsonNode list = client.await("/api/v1/incidents?size=500", l -> containsUser(l, user), WAIT);
    for (JsonNode incident : list.get("items")) {
      if (incident.at("/entities/users/0").asText().equals(user)) {
        return incident.get("id").asText();
      }
    }
    throw new AssertionError("no incident for " + user);
  }

  private static boolean containsUser(JsonNode list, String user) {
    for (JsonNode incident : list.get("items")) {
      if (incident.at("/entities/users/0").asText().equals(user)) {
        return true;
      }
    }
    return false;
  }

  private JsonNode approvalFor(String incidentId) {
    JsonNode approvals =
        client.await(
            "/api/v1/approvals", l -> l.findValuesAsText("incidentId").contains(incidentId), WAIT);
    for (JsonNode approval : approvals) {
      if (approval.get("incidentId").asText().equals(incidentId)) {
        return approval;
      }
    }
    throw new AssertionError("no approval for " + incidentId);
  }

  private static List<String> keys(JsonNode ledger) {
    List<String> keys = new ArrayList<>();
    ledger.forEach(e -> keys.add(e.get("idempotencyKey").asText()));
    return keys;
  }

  private static List<String> kinds(JsonNode timeline) {
    List<String> kinds = new ArrayList<>();
    timeline.forEach(e -> kinds.add(e.get("kind").asText()));
    return kinds;
  }
}
