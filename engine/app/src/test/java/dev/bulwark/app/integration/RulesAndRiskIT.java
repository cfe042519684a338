package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@EngineIT
class RulesAndRiskIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  private BulwarkClient client;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void connect() {
    client = new BulwarkClient(port);
  }

  @Test
  void weakSignalsAboutOneIdentityAddUpToAnIncidentListingEachSignalWithItsPoints() {
    String user = "op-" + run;
    String identities =
        "[{\"user.name\": \""
            + user
            + "\", \"declared_country\": \"US\", \"hire_date\": \"2020-01-06\","
            + " \"department\": \"Engineering\"}]";
    assertThat(client.putJson("/api/v1/identities", identities).status()).isEqualTo(200);

    // A login through Astrill (30), from abroad as seen by no rule, AnyDesk (30) and a
    // medium EDR alert (47): 107 points, over the threshold of 100 only with the third signal.
    String alerts = TestAlerts.load("risk_operative.ndjson", user, run);
    assertThat(client.post("/api/v1/alerts", "application/x-ndjson", alerts.getBytes()).status())
        .isEqualTo(202);

    JsonNode incident =
        client.await(
            "/api/v1/incidents?size=200",
            page -> find(page, "Risk threshold crossed: " + user) != null,
            WAIT);
    JsonNode found = find(incident, "Risk threshold crossed: " + user);
    assertThat(found.get("riskScore").asInt()).isEqualTo(107);
    assertThat(found.get("alertCount").asInt()).isEqualTo(3);
    assertThat(found.at("/playbook/key").asText()).isEqualTo("contain_remote_worker");

    JsonNode detail = client.get("/api/v1/incidents/" + found.get("id").asText()).json();
    List<String> signals = new ArrayList<>();
    for (JsonNode entry : detail.get("timeline")) {
      if (entry.get("kind").asText().equals("risk_signal")) {
        signals.add(entry.get("summary").asText());
      }
    }
    assertThat(signals)
        .containsExactly(
            "Login from an anonymising network (+30)",
            "Remote-control tool started (+30)",
            "SIEM or EDR alert adds its risk to the identity (+47)");
  }

  @Test
  void aHostCrossingItsThresholdGetsAnIncidentAskingForContainHost() {
    // Three accounts on one farm laptop: AnyDesk (30), an EDR alert (72) and a PiKVM (100) make
    // 202 points on the host, over its threshold of 200; only the KVM's user crosses their own.
    String farm = "farm-" + run;
    String alerts = TestAlerts.load("laptop_farm_host.ndjson", run, run);
    assertThat(client.post("/api/v1/alerts", "application/x-ndjson", alerts.getBytes()).status())
        .isEqualTo(202);

    JsonNode page =
        client.await(
            "/api/v1/incidents?size=200",
            p -> find(p, "Risk threshold crossed: host " + farm) != null,
            WAIT);
    JsonNode found = find(page, "Risk threshold crossed: host " + farm);
    assertThat(found.get("riskScore").asInt()).isEqualTo(202);
    assertThat(found.at("/playbook/key").asText()).isEqualTo("contain_host");
    assertThat(found.at("/entities/hosts").toString()).isEqualTo("[\"" + farm + "\"]");
    JsonNode detail = client.get("/api/v1/incidents/" + found.get("id").asText()).json();
    List<String> signals = new ArrayList<>();
    for (JsonNode entry : detail.get("timeline")) {
      if (entry.get("kind").asText().equals("risk_signal")) {
        signals.add(entry.get("summary").asText());
      }
    }
    assertThat(signals)
        .containsExactly(
            "Remote-control tool started (+30)",
            "SIEM or EDR alert adds its risk to the identity (+72)",
            "IP-KVM or laptop-farm hardware connected (+100)");
    assertThat(find(page, "Risk threshold crossed: " + run + "-a")).isNull();
    assertThat(find(page, "Risk threshold crossed: " + run + "-b")).isNull();
  }

  @Test
  void oneWeakSignalAloneOpensNoIncident() {
    String user = "traveller-" + run;
    String alerts = TestAlerts.load("risk_operative.ndjson", user, run).lines().findFirst().get();
    assertThat(client.post("/api/v1/alerts", "application/x-ndjson", alerts.getBytes()).status())
        .isEqualTo(202);
    client.await("/api/v1/status", status -> status.at("/journal/backlog").asLong() == 0, WAIT);

    JsonNode page = client.get("/api/v1/incidents?size=200").json();
    assertThat(find(page, "Risk threshold crossed: " + user)).isNull();
  }

  @Test
  void identitiesWithABadRecordAreRejectedWholeNamingTheRecordAndField() {
    var response =
        client.putJson(
            "/api/v1/identities",
            "[{\"user.name\": \"ok-"
                + run
                + "\"}, {\"user.name\": \"x\", \"hire_date\": \"soon\"}]");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("$[1].hire_date must be an ISO date");
  }

  @Test
  void aBrokenRuleIsAnsweredWithItsFileLineAndColumn() {
    String broken =
        "package bulwark.rules;\n\nimport dev.bulwark.rules.AlertEvent;\n\nrule \"Broken\"\n"
            + "when\n    $a : AlertEvent( userName == \n then\nend\n";
    var response = client.post("/api/v1/rules/validate", "text/plain", broken.getBytes());

    assertThat(response.status()).isEqualTo(200);
    JsonNode body = response.json();
    assertThat(body.get("valid").asBoolean()).isFalse();
    assertThat(body.at("/errors/0/file").asText()).isEqualTo("rule.drl");
    assertThat(body.at("/errors/0/line").asInt()).isBetween(7, 9);
    assertThat(body.at("/errors/0/column").asInt()).isPositive();
  }

  @Test
  void theRuleSetInForceHasAVersionAndTheBundledPack() {
    JsonNode rules = client.get("/api/v1/rules").json();

    assertThat(rules.get("version").asText()).matches("[0-9a-f]{12}");
    assertThat(rules.get("rules").size()).isGreaterThanOrEqualTo(12);
  }

  @Test
  void aBacktestComparesACandidateRuleSetWithTheLiveOneWithoutOpeningIncidents() {
    String user = "bt-" + run;
    String alerts = TestAlerts.load("risk_operative.ndjson", user, run);
    client.post("/api/v1/alerts", "application/x-ndjson", alerts.getBytes());
    client.await(
        "/api/v1/incidents?size=200",
        page -> find(page, "Risk threshold crossed: " + user) != null,
        WAIT);
    long incidentsBefore = client.get("/api/v1/incidents").json().get("total").asLong();
    // The candidate drops the remote-control rule: without its 30 points the user stays at 77.
    String candidate = candidateWithout("command_and_control_remote_access_tool.drl");

    var started =
        client.postJson(
            "/api/v1/rules/backtest",
            "{\"from\": \"2026-11-21T00:00:00Z\", \"to\": \"2026-11-24T00:00:00Z\", \"files\": "
                + candidate
                + "}");
    assertThat(started.status()).isEqualTo(202);
    String id = started.json().get("id").asText();
    JsonNode done =
        client.await(
            "/api/v1/rules/backtest/" + id, job -> job.get("state").asText().equals("done"), WAIT);

    assertThat(done.get("alertsEvaluated").asLong()).isPositive();
    assertThat(done.at("/progress/phase").asText()).isEqualTo("done");
    assertThat(done.at("/progress/percent").asInt()).isEqualTo(100);
    assertThat(done.at("/result/lost").toString()).contains("risk|user:" + user);
    assertThat(done.at("/result/new").toString()).doesNotContain(user);
    assertThat(client.get("/api/v1/incidents").json().get("total").asLong())
        .isEqualTo(incidentsBefore);
  }

  @Test
  void scenariosPostedToTheTestEndpointComeBackExpectedVersusActual() {
    String body =
        "{\"scenarios\": [{\"name\": \"kvm\", \"events\": [{\"@timestamp\": \"2026-11-20T08:00:00Z\","
            + " \"event\": {\"action\": \"peripheral-connected\"}, \"user\": {\"name\": \"x\"},"
            + " \"device\": {\"manufacturer\": \"PiKVM\"}}], \"expected\": [{\"entityKey\": \"user:x\","
            + " \"riskScore\": 100}]}, {\"name\": \"wrong\", \"events\": [], \"expected\":"
            + " [{\"entityKey\": \"user:y\"}]}]}";

    JsonNode answer = client.postJson("/api/v1/rules/test", body).json();

    assertThat(answer.get("passed").asInt()).isEqualTo(1);
    assertThat(answer.get("failed").asInt()).isEqualTo(1);
    assertThat(answer.at("/results/0/actual/0/ruleName").asText())
        .isEqualTo("IP-KVM or laptop-farm hardware connected");
    assertThat(answer.at("/results/1/passed").asBoolean()).isFalse();
  }

  private static String candidateWithout(String file) {
    var files = new java.util.TreeMap<>(dev.bulwark.rules.RuleSources.bundled());
    files.remove(file);
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(files);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode find(JsonNode page, String title) {
    for (JsonNode incident : page.get("items")) {
      if (incident.get("title").asText().equals(title)) {
        return incident;
      }
    }
    return null;
  }
}
