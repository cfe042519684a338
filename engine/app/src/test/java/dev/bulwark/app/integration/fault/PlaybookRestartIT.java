package dev.bulwark.app.integration.fault;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.VerificationException;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.bulwark.app.integration.BulwarkClient;
import dev.bulwark.app.integration.TestAlerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged engine killed with {@code kill -9} in the middle of a playbook's parallel actions
 * (disable the account, simulated; isolate the host, at the EDR): the EDR (WireMock, stubs from the
 * Falcon API reference) has received the "contain host" call and not answered yet, so the ledger
 * holds that action PENDING. A second engine on the same PostgreSQL database resumes the playbook;
 * it asks the EDR whether the host was contained ({@code ActionProvider.lookup}) instead of
 * containing it again. Each action then shows once in the ledger and once at its target: the EDR's
 * request journal for the host, the simulated systems' own table for the rest.
 */
class PlaybookRestartIT {

  private static final String FALCON_SECRET = "falcon-restart-secret-4e1a";
  private static final Duration WAIT = Duration.ofMinutes(4);

  @RegisterExtension
  static WireMockExtension falcon =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("falcon-restart"))
          .build();

  @TempDir Path work;
  private EngineDatabase database;
  private EngineProcess engine;

  @BeforeEach
  void createDatabase() {
    database = EngineDatabase.create("pr");
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (engine != null) {
      engine.close();
    }
    database.close();
  }

  @Test
  void killNineWhileTheEdrIsContainingTheHost_eachActionHappensOnceInTheLedgerAndAtItsTarget()
      throws Exception {
    engine = start("restart-a");
    BulwarkClient client = engine.client();
    String user = "pr-" + Long.toHexString(System.nanoTime()).substring(0, 8);
    String host = user + "-laptop";
    client.post(
        "/api/v1/alerts",
        "application/x-ndjson",
        TestAlerts.load("brute_force.ndjson", user, "pr").getBytes(StandardCharsets.UTF_8));
    JsonNode approval = client.await("/api/v1/approvals", list -> list.size() == 1, WAIT).get(0);
    String incidentId = approval.get("incidentId").asText();
    assertThat(
            client
                .as("analyst", "analyst")
                .postJson(
                    "/api/v1/approvals/" + approval.get("id").asText(),
                    "{\"decision\": \"approve\"}")
                .status())
        .isEqualTo(200);

    // The middle of the parallel block: the host's containment is claimed in the ledger and has
    // reached the EDR, which has not answered yet. (Camunda runs one process instance's jobs one
    // at a time, so the account is disabled either before this or after the restart.)
    await(
        () ->
            "PENDING".equals(ledger(incidentId).get(key(incidentId, "ISOLATE_HOST", host)))
                && containRequests() == 1,
        "host containment claimed and sent to the EDR");
    engine.kill9();
    assertThat(ledger(incidentId)).containsEntry(key(incidentId, "ISOLATE_HOST", host), "PENDING");

    engine = start("restart-b");
    BulwarkClient restarted = engine.client();
    JsonNode incident =
        restarted.await(
            "/api/v1/incidents/" + incidentId,
            i -> i.get("status").asText().equals("contained"),
            WAIT);

    Map<String, String> ledger = ledger(incidentId);
    assertThat(ledger)
        .containsEntry(key(incidentId, "DISABLE_ACCOUNT", user), "SIMULATED")
        .containsEntry(key(incidentId, "REVOKE_SESSIONS", user), "SIMULATED")
        .containsEntry(key(incidentId, "ISOLATE_HOST", host), "DONE");
    assertThat(ledger.values()).doesNotContain("PENDING", "FAILED");
    assertThat(detail(key(incidentId, "ISOLATE_HOST", host)))
        .as("the restarted engine asked the EDR instead of containing the host again")
        .contains("found contained");
    assertThat(containRequests()).as("the EDR was asked to contain the host once").isEqualTo(1);
    for (var entry : ledger.entrySet()) {
      if (entry.getValue().equals("SIMULATED")) {
        assertThat(simulatedTimes(entry.getKey()))
            .as("the simulated target carried out %s", entry.getKey())
            .isEqualTo(1);
      }
    }
    assertThat(incident.get("timeline").findValuesAsText("summary"))
        .filteredOn(s -> s.startsWith("ISOLATE_HOST " + host))
        .hasSize(1);
  }

  private EngineProcess start(String name) {
    return EngineProcess.start(
        name,
        database.engineArguments(
            work.resolve("data"),
            "--bulwark.connectors.providers.ISOLATE_HOST=crowdstrike",
            "--bulwark.connectors.crowdstrike.base-url=" + falcon.baseUrl(),
            "--bulwark.connectors.crowdstrike.client-id=bulwark-falcon",
            "--bulwark.connectors.crowdstrike.client-secret=" + FALCON_SECRET,
            // Longer than the EDR's slow answer: the call is cut by the kill, not by a timeout.
            "--bulwark.connectors.crowdstrike.timeout=90s",
            // A job locked by a killed engine waits for its lock to expire before another takes
            // it over; short here so that the test sees the recovery.
            "--camunda.bpm.job-execution.lock-time-in-millis=20000"));
  }

  private int containRequests() {
    try {
      return falcon
          .countRequestsMatching(
              postRequestedFor(urlPathEqualTo("/devices/entities/devices-actions/v2")).build())
          .getCount();
    } catch (VerificationException e) {
      throw new AssertionError(e);
    }
  }

  private static String key(String incidentId, String type, String target) {
    return incidentId + ":" + type + ":" + target;
  }

  /** The incident's containment ledger rows (no rollback occasions): key to status. */
  private Map<String, String> ledger(String incidentId) {
    Map<String, String> rows = new LinkedHashMap<>();
    database.query(
        "SELECT idempotency_key, status FROM action_ledger WHERE incident_id = '"
            + incidentId
            + "'",
        rs -> rows.put(rs.getString(1), rs.getString(2)));
    return rows;
  }

  private String detail(String key) {
    StringBuilder detail = new StringBuilder();
    database.query(
        "SELECT detail FROM action_ledger WHERE idempotency_key = '" + key + "'",
        rs -> detail.append(rs.getString(1)));
    return detail.toString();
  }

  private int simulatedTimes(String key) {
    int[] times = new int[1];
    database.query(
        "SELECT COUNT(*) FROM simulated_change WHERE idempotency_key = '" + key + "'",
        rs -> times[0] = rs.getInt(1));
    return times[0];
  }

  private static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    Poll.until(WAIT, condition, what);
  }
}
