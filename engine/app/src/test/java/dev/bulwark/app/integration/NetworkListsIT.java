package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The anonymising and corporate network lists set over HTTP reach the running rules at once. Each
 * test puts the default lists back, since the engine is shared with the other integration tests.
 */
@EngineIT
class NetworkListsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ANONYMISING = "/api/v1/reference/networks/anonymising";
  private static final String CORPORATE = "/api/v1/reference/networks/corporate";
  // A private-use AS and a documentation range: in no shipped list.
  private static final String RELAY_AS = "64512";
  private static final String RELAY_IP = "192.0.2.20";

  @LocalServerPort int port;
  private BulwarkClient client;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void connect() {
    client = new BulwarkClient(port);
  }

  @AfterEach
  void backToTheDefaults() {
    assertThat(client.request("DELETE", ANONYMISING, null).status()).isEqualTo(200);
    assertThat(client.request("DELETE", CORPORATE, null).status()).isEqualTo(200);
  }

  @Test
  void aLoginFromAnAsAddedThroughTheApiCountsAsAnonymising() {
    JsonNode shipped = client.get(ANONYMISING).json();
    assertThat(shipped.get("source").asText()).isEqualTo("default");
    assertThat(shipped.get("entries").toString()).contains("\"as.organization.name\":\"Astrill\"");
    // Before: the relay's AS is nobody's VPN, so its login adds nothing and the user stays at 77.
    String before = "before-" + run;
    post(operative(before, RELAY_IP, RELAY_AS, "Example Relay Networks"));
    client.await("/api/v1/status", status -> status.at("/journal/backlog").asLong() == 0, WAIT);

    var replaced =
        client.putJson(
            ANONYMISING,
            "[{\"as.number\": "
                + RELAY_AS
                + ", \"description\": \"a relay seen in the brief\"},"
                + " {\"as.organization.name\": \"Astrill\"}]");
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().get("source").asText()).isEqualTo("api");
    assertThat(replaced.json().get("updatedBy").asText()).isEqualTo("admin");
    String after = "after-" + run;
    post(operative(after, RELAY_IP, RELAY_AS, "Example Relay Networks"));

    JsonNode incident = awaitRiskIncident(after);
    assertThat(incident.get("riskScore").asInt()).isEqualTo(107);
    assertThat(signals(incident)).contains("Login from an anonymising network (+30)");
    assertThat(findRiskIncident(client.get("/api/v1/incidents?size=500").json(), before)).isNull();
    assertThat(client.get(ANONYMISING).json().get("entries").toString())
        .contains("\"as.number\":64512", "a relay seen in the brief")
        .doesNotContain("M247");
    assertThat(auditActions()).contains("reference.networks.replaced anonymising by admin");
  }

  @Test
  void aLoginFromACorporateRangeAddedThroughTheApiIsNotAnonymising() {
    var replaced =
        client.putJson(
            CORPORATE, "[{\"cidr\": \"198.18.0.0/15\", \"description\": \"the office VPN\"}]");
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);

    // Both log in through Astrill; only the office's address is trusted. The office user's
    // alerts are journaled first, so by the time the other's incident opens they were evaluated.
    String office = "office-" + run;
    String outsider = "outsider-" + run;
    post(operative(office, "198.18.7.20", "206092", "Astrill Financial Inc."));
    post(operative(outsider, "206.189.10.20", "206092", "Astrill Financial Inc."));

    JsonNode incident = awaitRiskIncident(outsider);
    assertThat(signals(incident)).contains("Login from an anonymising network (+30)");
    assertThat(findRiskIncident(client.get("/api/v1/incidents?size=500").json(), office)).isNull();
  }

  @Test
  void aListWithABadEntryIsRejectedWholeNamingTheEntryAndTheListStaysAsItWas() {
    long revision = client.get(CORPORATE).json().get("revision").asLong();

    var rejected =
        client.putJson(
            CORPORATE,
            "[{\"cidr\": \"198.18.0.0/15\"}, {\"cidr\": \"198.18.0.0/40\"}, {\"ip\": 1}]");

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.header("Content-Type")).startsWith("application/problem+json");
    assertThat(rejected.json().get("detail").asText())
        .contains("$[1].cidr: the prefix length of \"198.18.0.0/40\" must be 0 to 32")
        .contains("$[2] has an unknown field \"ip\"");
    JsonNode unchanged = client.get(CORPORATE).json();
    assertThat(unchanged.get("revision").asLong()).isEqualTo(revision);
    assertThat(unchanged.get("source").asText()).isEqualTo("default");
    assertThat(client.get("/api/v1/reference/networks/tor").status()).isEqualTo(404);
  }

  private String operative(String user, String ip, String as, String organization) {
    return TestAlerts.load("relay_network_operative.ndjson", user, run + user)
        .replace("${ip}", ip)
        .replace("${as}", as)
        .replace("${org}", organization);
  }

  private void post(String ndjson) {
    assertThat(client.post("/api/v1/alerts", "application/x-ndjson", ndjson.getBytes()).status())
        .isEqualTo(202);
  }

  private JsonNode awaitRiskIncident(String user) {
    JsonNode page =
        client.await("/api/v1/incidents?size=500", p -> findRiskIncident(p, user) != null, WAIT);
    String id = findRiskIncident(page, user).get("id").asText();
    return client.get("/api/v1/incidents/" + id).json();
  }

  private static List<String> signals(JsonNode incident) {
    List<String> signals = new ArrayList<>();
    for (JsonNode entry : incident.get("timeline")) {
      if (entry.get("kind").asText().equals("risk_signal")) {
        signals.add(entry.get("summary").asText());
      }
    }
    return signals;
  }

  private List<String> auditActions() {
    List<String> actions = new ArrayList<>();
    long after = 0;
    while (true) {
      JsonNode page = client.get("/api/v1/audit?after=" + after + "&limit=1000").json();
      if (page.isEmpty()) {
        return actions;
      }
      page.forEach(
          r ->
              actions.add(
                  r.get("action").asText()
                      + " "
                      + r.get("target").asText()
                      + " by "
                      + r.get("actor").asText()));
      after = page.get(page.size() - 1).get("seq").asLong();
    }
  }

  private static JsonNode findRiskIncident(JsonNode page, String user) {
    for (JsonNode incident : page.get("items")) {
      if (incident.get("title").asText().equals("Risk threshold crossed: " + user)) {
        return incident;
      }
    }
    return null;
  }
}
