package dev.bulwark.app.integration.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.app.integration.BulwarkClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector that hangs: the packaged engine, as its own process on PostgreSQL, isolates hosts
 * through the real CrowdStrike provider pointed at a server that accepts every connection and never
 * answers a byte (a provider stuck behind a dead load balancer). Each call gives up after the
 * provider's configured timeout, the playbook step retries on its cycle and then raises a Camunda
 * incident that shows on the Bulwark incident's timeline, and the ledger says FAILED, never DONE;
 * meanwhile intake answers at once, the load balancer's health check stays up, and incidents with
 * nothing for the hung provider to do finish.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HangingConnectorIT {

  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final int HUNG = 3;
  private static final int FREE = 3;
  private static final String PLAYBOOK = "contain_compromised_account";

  @TempDir static Path work;
  private EngineDatabase database;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private BlackHole blackHole;
  private EngineProcess engine;

  @BeforeAll
  void start() throws Exception {
    blackHole = new BlackHole();
    database = EngineDatabase.create("hang");
    engine =
        EngineProcess.start(
            "hanging-connector",
            database.engineArguments(
                work.resolve("data"),
                "--bulwark.connectors.providers.ISOLATE_HOST=crowdstrike",
                "--bulwark.connectors.crowdstrike.base-url=http://127.0.0.1:" + blackHole.port(),
                "--bulwark.connectors.crowdstrike.client-id=falcon-client",
                "--bulwark.connectors.crowdstrike.client-secret=falcon-secret",
                "--bulwark.connectors.crowdstrike.timeout=1s",
                "--bulwark.connectors.crowdstrike.max-attempts=2",
                "--bulwark.connectors.crowdstrike.initial-backoff=100ms",
                // Every attempt reaches the silent server, rather than an open circuit refusing
                // it at once: this test is about the timeout.
                "--bulwark.connectors.crowdstrike.circuit-failure-threshold=1000"));
  }

  @AfterAll
  void stop() throws Exception {
    if (engine != null) {
      engine.close();
    }
    if (blackHole != null) {
      blackHole.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void hungCallsTimeOutRetryAndRaiseAnIncidentWhileEverythingElseGoesOn() throws Exception {
    BulwarkClient client = engine.client();
    BulwarkClient admin = client.as("admin", "admin");
    allActionsAutomatic(admin);
    deployWithShortRetryCycle(admin);

    for (int i = 0; i < HUNG; i++) {
      assertThat(client.postJson("/api/v1/alerts", alert("hung-" + i, hungUser(i), true)).status())
          .isEqualTo(202);
    }
    for (int i = 0; i < FREE; i++) {
      assertThat(client.postJson("/api/v1/alerts", alert("free-" + i, freeUser(i), false)).status())
          .isEqualTo(202);
    }

    await(() -> blackHole.accepted() > 0, "the provider called the silent server");
    // While calls hang: every alert is acknowledged, each within the client's 5 s patience (a
    // timeout fails the request and so the test).
    HttpClient patient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r =
          patient.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + engine.port() + "/api/v1/alerts"))
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/json")
                  .header("X-API-Key", "dev-intake-key")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          alert("during-" + i, "quiet-" + run, false)
                              .replace("\"risk_score\":80", "\"risk_score\":20")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    assertThat(client.get("/actuator/health/serving").status())
        .as("the load balancer keeps the node in rotation")
        .isEqualTo(200);
    assertThat(admin.get("/actuator/health").json().at("/components/connectors/status").asText())
        .as("while the operator sees the provider down")
        .isEqualTo("DOWN");

    for (int i = 0; i < FREE; i++) {
      String id = incidentOf(client, freeUser(i));
      client.await(
          "/api/v1/incidents/" + id, n -> n.get("status").asText().equals("contained"), WAIT);
      JsonNode actions = client.get("/api/v1/incidents/" + id + "/actions").json();
      assertThat(actions.findValuesAsText("type"))
          .as("the simulated providers acted for %s", freeUser(i))
          .contains("REVOKE_SESSIONS", "DISABLE_ACCOUNT", "NOTIFY")
          .doesNotContain("ISOLATE_HOST");
      assertThat(actions.findValuesAsText("status")).containsOnly("SIMULATED");
    }

    for (int i = 0; i < HUNG; i++) {
      String id = incidentOf(client, hungUser(i));
      JsonNode incident = client.await("/api/v1/incidents/" + id, n -> stuckStep(n) != null, WAIT);
      JsonNode stuck = stuckStep(incident);
      assertThat(stuck.at("/details/step").asText()).isEqualTo("isolate_host");
      assertThat(stuck.at("/details/error").asText()).contains("within PT1S");
      assertThat(incident.get("status").asText()).isNotEqualTo("contained");
      String camundaIncident = stuck.at("/details/camundaIncidentId").asText();
      JsonNode raised = admin.get("/engine-rest/incident/" + camundaIncident).json();
      assertThat(raised.get("incidentType").asText()).isEqualTo("failedJob");
      assertThat(raised.get("activityId").asText()).isEqualTo("isolate_host");

      JsonNode actions = client.get("/api/v1/incidents/" + id + "/actions").json();
      Map<String, String> statusByType = new java.util.HashMap<>();
      actions.forEach(a -> statusByType.put(a.get("type").asText(), a.get("status").asText()));
      assertThat(statusByType)
          .as("nothing marked done that was not done: %s", actions)
          .containsEntry("ISOLATE_HOST", "FAILED")
          .containsEntry("REVOKE_SESSIONS", "SIMULATED")
          .containsEntry("DISABLE_ACCOUNT", "SIMULATED")
          .containsEntry("NOTIFY", "SIMULATED");
      assertThat(actions.findValuesAsText("status")).doesNotContain("DONE");
      JsonNode isolate =
          StreamSupport.stream(actions.spliterator(), false)
              .filter(a -> a.get("type").asText().equals("ISOLATE_HOST"))
              .findFirst()
              .orElseThrow();
      assertThat(isolate.get("detail").asText()).contains("no answer").contains("within PT1S");
    }
    assertThat(blackHole.accepted())
        .as("every incident's step tried the provider more than once before giving up")
        .isGreaterThanOrEqualTo(HUNG * 2);
  }

  /** The timeline entry of a step whose retries ran out, or null. */
  private static JsonNode stuckStep(JsonNode incident) {
    for (JsonNode e : incident.get("timeline")) {
      if (e.get("kind").asText().equals("playbook")
          && e.get("summary").asText().contains("failed after its retries")) {
        return e;
      }
    }
    return null;
  }

  /** The policy in force asks approval for containment; here every action runs at once. */
  private static void allActionsAutomatic(BulwarkClient admin) {
    String policy = admin.get("/api/v1/policies/approval").body();
    String automatic =
        policy.replaceAll("(<outputEntry id=\"\\w+_out1\"><text>)\\d(</text>)", "$10$2");
    var r =
        admin.put(
            "/api/v1/policies/approval",
            "application/xml",
            automatic.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  /**
   * The shipped playbook retries a failed step after 10 s, 1 min and 5 min; a new version that
   * retries after a second (as an operator would deploy through Camunda's REST API) keeps the test
   * short without changing what is tested.
   */
  private static void deployWithShortRetryCycle(BulwarkClient admin) throws IOException {
    String bpmn;
    try (InputStream in =
        HangingConnectorIT.class.getResourceAsStream("/bpmn/" + PLAYBOOK + ".bpmn")) {
      bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String quick = bpmn.replace("PT10S,PT1M,PT5M", "PT1S,PT1S");
    assertThat(quick).isNotEqualTo(bpmn);
    String boundary = "bulwark-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
                + "quick-retries\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\""
                + PLAYBOOK
                + ".bpmn\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                + quick
                + "\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.UTF_8));
    var r =
        admin.post(
            "/engine-rest/deployment/create",
            "multipart/form-data; boundary=" + boundary,
            body.toByteArray());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private String incidentOf(BulwarkClient client, String user) {
    JsonNode list = client.await("/api/v1/incidents?size=500", l -> find(l, user) != null, WAIT);
    return find(list, user).get("id").asText();
  }

  private static JsonNode find(JsonNode list, String user) {
    for (JsonNode i : list.get("items")) {
      if (i.at("/entities/users").toString().contains("\"" + user + "\"")) {
        return i;
      }
    }
    return null;
  }

  private String hungUser(int i) {
    return "hang-" + run + "-" + i;
  }

  private String freeUser(int i) {
    return "free-" + run + "-" + i;
  }

  /** A high-risk alert for the user; with a host, the playbook isolates it through CrowdStrike. */
  private String alert(String id, String user, boolean withHost) {
    return "{\"@timestamp\":\""
        + Instant.now()
        + "\",\"event\":{\"id\":\""
        + run
        + "-"
        + id
        + "\",\"kind\":\"alert\",\"risk_score\":80},\"rule\":{\"name\":\"hanging connector\"},"
        + "\"user\":{\"name\":\""
        + user
        + "\"}"
        + (withHost ? ",\"host\":{\"name\":\"" + user + "-ws\"}" : "")
        + "}";
  }

  /** Accepts every connection and never sends a byte; holds the sockets until closed. */
  private static final class BlackHole implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0);
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    BlackHole() throws IOException {
      acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    held.add(server.accept());
                    accepted.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int accepted() {
      return accepted.get();
    }

    @Override
    public void close() throws IOException {
      server.close();
      List<Socket> sockets = new ArrayList<>(held);
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  private static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    Poll.until(WAIT, condition, what);
  }
}
