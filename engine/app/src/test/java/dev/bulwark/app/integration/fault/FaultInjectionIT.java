package dev.bulwark.app.integration.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.app.integration.BulwarkClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults a real deployment meets, against the packaged engine running as its own process on a real
 * PostgreSQL: {@code kill -9} while alerts pour in, {@code kill -9} in the middle of a playbook's
 * actions, the database dropping every connection, and slow-loris clients. The steps run in order
 * on one database, each leaving the engine running for the next (a start costs half a minute on two
 * cores).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class FaultInjectionIT {

  private static final int ALERTS = 10_000;
  private static final int BATCH = 100;
  private static final int USERS = 100;
  private static final Duration WAIT = Duration.ofMinutes(3);

  @TempDir Path work;
  private EngineDatabase database;
  private EngineProcess engine;

  @BeforeAll
  void createDatabase() {
    database = EngineDatabase.create("fi");
  }

  @AfterAll
  void dropDatabase() throws Exception {
    if (engine != null) {
      engine.close();
    }
    database.close();
  }

  @Test
  @Order(1)
  void killNineWhileTenThousandAlertsArrive_everyAcknowledgedAlertIsProcessedOnceAfterRestart()
      throws Exception {
    engine = start("a");
    List<byte[]> batches = batches();
    boolean[] acknowledged = new boolean[batches.size()];
    AtomicInteger acked = new AtomicInteger();
    BulwarkClient client = engine.client();
    Thread poster =
        new Thread(
            () -> {
              for (int b = 0; b < batches.size(); b++) {
                try {
                  var r = client.post("/api/v1/alerts", "application/x-ndjson", batches.get(b));
                  if (r.status() == 202) {
                    acknowledged[b] = true;
                    acked.incrementAndGet();
                  }
                } catch (RuntimeException connectionLost) {
                  return;
                }
              }
            });
    poster.start();
    await(() -> acked.get() >= batches.size() / 2, "half the batches acknowledged");
    engine.kill9();
    poster.join();
    int acknowledgedBeforeKill = acked.get();
    assertThat(acknowledgedBeforeKill).isLessThan(batches.size());

    engine = start("b");
    BulwarkClient restarted = engine.client();
    int journaledBefore = 0;
    for (int b = 0; b < batches.size(); b++) {
      JsonNode r = restarted.post("/api/v1/alerts", "application/x-ndjson", batches.get(b)).json();
      if (acknowledged[b]) {
        assertThat(r.get("duplicates").asInt())
            .as("batch %d was acknowledged before the kill, so it must be in the journal", b)
            .isEqualTo(BATCH);
      }
      journaledBefore += r.get("duplicates").asInt();
    }
    assertThat(journaledBefore).isGreaterThanOrEqualTo(acknowledgedBeforeKill * BATCH);

    JsonNode status =
        restarted.await("/api/v1/status", s -> s.at("/journal/backlog").asLong() == 0, WAIT);
    assertThat(status.at("/journal/received").asLong()).isEqualTo(ALERTS);
    assertThat(status.at("/journal/processed").asLong()).isEqualTo(ALERTS);
    JsonNode incidents =
        restarted.await(
            "/api/v1/incidents?size=500",
            list ->
                faultIncidents(list).size() == USERS
                    && faultIncidents(list).stream()
                        .allMatch(i -> i.get("alertCount").asInt() == 10),
            WAIT);
    for (JsonNode incident : faultIncidents(incidents)) {
      JsonNode full = restarted.get("/api/v1/incidents/" + incident.get("id").asText()).json();
      assertThat(
              full.get("timeline").findValuesAsText("kind").stream()
                  .filter("rule_hit"::equals)
                  .count())
          .as("each of the user's 10 high-risk alerts was evaluated exactly once")
          .isEqualTo(10);
    }
  }

  @Test
  @Order(2)
  void killNineInTheMiddleOfAPlaybook_eachActionIsPerformedExactlyOnce() throws Exception {
    BulwarkClient client = engine.client();
    JsonNode approvals = client.await("/api/v1/approvals", list -> list.size() >= USERS, WAIT);
    String taskId = approvals.get(0).get("id").asText();
    String incidentId = approvals.get(0).get("incidentId").asText();
    assertThat(
            client
                .as("analyst", "analyst")
                .postJson("/api/v1/approvals/" + taskId, "{\"decision\": \"approve\"}")
                .status())
        .isEqualTo(200);
    client.await("/api/v1/incidents/" + incidentId + "/actions", a -> a.size() >= 1, WAIT);
    engine.kill9();

    engine = start("c");
    BulwarkClient restarted = engine.client();
    // The policy runs some steps before the approval and the gated ones after it; once the
    // incident is contained, every step of the playbook has run.
    JsonNode incident =
        restarted.await(
            "/api/v1/incidents/" + incidentId,
            i -> i.get("status").asText().equals("contained"),
            WAIT);
    JsonNode actions = restarted.get("/api/v1/incidents/" + incidentId + "/actions").json();
    assertThat(actions.findValuesAsText("type")).contains("DISABLE_ACCOUNT", "ISOLATE_HOST");
    assertThat(actions.findValuesAsText("status")).containsOnly("SIMULATED");
    assertThat(actions.findValuesAsText("idempotencyKey")).doesNotHaveDuplicates();
    List<String> performed = new ArrayList<>();
    incident
        .get("timeline")
        .forEach(
            e -> {
              if (e.get("kind").asText().equals("action")) {
                performed.add(e.get("summary").asText());
              }
            });
    assertThat(performed)
        .as("the simulated target saw each action once, as the ledger says")
        .hasSameSizeAs(actions.findValuesAsText("idempotencyKey"))
        .doesNotHaveDuplicates();
  }

  @Test
  @Order(3)
  void theDatabaseDroppingEveryConnection_losesNoAcknowledgedAlertAndTheEngineRecovers()
      throws Exception {
    BulwarkClient client = engine.client();
    AtomicBoolean dropping = new AtomicBoolean(true);
    Thread dropper =
        new Thread(
            () -> {
              while (dropping.get()) {
                database.terminateConnections();
                try {
                  Thread.sleep(150);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    dropper.start();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<Integer> statuses = new ArrayList<>();
    try {
      for (int i = 0; i < 30; i++) {
        String id = "db-drop-" + i;
        var r = client.postJson("/api/v1/alerts", alert(id, "db-user", 10, i));
        statuses.add(r.status());
        if (r.status() == 202) {
          acknowledged.add(id);
        } else {
          assertThat(r.status()).as(r.body()).isEqualTo(503);
          assertThat(r.header("Retry-After")).isEqualTo("1");
        }
      }
    } finally {
      dropping.set(false);
      dropper.join();
    }
    // The pool may still hold connections the database killed: a sender retrying as told gets in.
    await(
        () ->
            client.postJson("/api/v1/alerts", alert("db-after", "db-user", 10, 99)).status() == 202,
        "an alert accepted once the database is back");
    acknowledged.add("db-after");
    for (String id : acknowledged) {
      int n = Integer.parseInt(id.equals("db-after") ? "99" : id.substring("db-drop-".length()));
      JsonNode again = client.postJson("/api/v1/alerts", alert(id, "db-user", 10, n)).json();
      assertThat(again.get("duplicates").asInt())
          .as("%s was acknowledged: it is journaled", id)
          .isEqualTo(1);
    }
    client.await("/api/v1/status", s -> s.at("/journal/backlog").asLong() == 0, WAIT);
    assertThat(statuses).contains(202);
  }

  @Test
  @Order(4)
  void aClientThatSendsHalfARequestAndStopsIsDisconnected() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", engine.port())) {
      socket.setSoTimeout(15_000);
      socket
          .getOutputStream()
          .write("POST /api/v1/alerts HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      InputStream in = socket.getInputStream();
      while (in.read() != -1) {
        // drain whatever the server says before it closes
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the engine kept a half-sent request open for 15 s", e);
    }
  }

  @Test
  @Order(5)
  void aBodyTrickledByteByByteIsCutOffWith408AndNothingIsStored() throws Exception {
    BulwarkClient client = engine.client();
    long before = client.get("/api/v1/status").json().at("/journal/received").asLong();
    byte[] body = alert("slow-loris", "slow-user", 10, 1).getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", engine.port())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/alerts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "X-API-Key: dev-intake-key\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      String status = null;
      for (int i = 0; i < body.length - 1 && status == null; i++) {
        try {
          out.write(body[i]);
          out.flush();
          Thread.sleep(250);
        } catch (IOException closed) {
          break;
        }
        if (socket.getInputStream().available() > 0) {
          break;
        }
      }
      status = statusLine(socket.getInputStream());
      assertThat(status).startsWith("HTTP/1.1 408");
    }
    assertThat(client.get("/api/v1/status").json().at("/journal/received").asLong())
        .isEqualTo(before);
  }

  private EngineProcess start(String name) {
    return EngineProcess.start(
        name,
        database.engineArguments(
            work.resolve("data"),
            "--spring.datasource.hikari.connection-timeout=3000",
            "--server.tomcat.connection-timeout=2s",
            // A job locked by a killed engine waits for its lock to expire (default 5 min) before
            // the next engine takes it over; shorter here so that the test sees the recovery.
            "--camunda.bpm.job-execution.lock-time-in-millis=20000",
            "--bulwark.intake.body-read-timeout=2s"));
  }

  /** 10,000 alerts in NDJSON batches; every tenth is high-risk, ten for each of 100 users. */
  private static List<byte[]> batches() {
    List<byte[]> batches = new ArrayList<>();
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < ALERTS; i++) {
      int risk = i % 10 == 0 ? 80 : 20;
      batch.append(alert("fi-" + i, "fi-u" + (i / 10) % USERS, risk, i)).append('\n');
      if ((i + 1) % BATCH == 0) {
        batches.add(batch.toString().getBytes(StandardCharsets.UTF_8));
        batch.setLength(0);
      }
    }
    return batches;
  }

  private static String alert(String id, String user, int risk, int second) {
    return "{\"@timestamp\":\""
        + Instant.parse("2026-11-20T00:00:00Z").plusSeconds(second)
        + "\",\"event\":{\"id\":\""
        + id
        + "\",\"kind\":\"alert\",\"risk_score\":"
        + risk
        + "},\"rule\":{\"name\":\"fault injection\"},\"user\":{\"name\":\""
        + user
        + "\"},\"host\":{\"name\":\""
        + user
        + "-ws\"}}";
  }

  private static List<JsonNode> faultIncidents(JsonNode list) {
    List<JsonNode> found = new ArrayList<>();
    list.get("items")
        .forEach(
            i -> {
              if (i.at("/entities/users/0").asText().startsWith("fi-u")) {
                found.add(i);
              }
            });
    return found;
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    return line.toString().strip();
  }

  private static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    Poll.until(WAIT, condition, what);
  }
}
