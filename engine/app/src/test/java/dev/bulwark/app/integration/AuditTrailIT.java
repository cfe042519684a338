package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.app.audit.AuditVerifyCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail records who did what from where, and {@code /api/v1/audit/verify} and the CLI
 * find records edited, deleted or swapped behind the engine's back (here: straight in the database,
 * as an insider with SQL access would). Each tamper is undone before the test ends.
 */
@EngineIT
class AuditTrailIT {

  @LocalServerPort int port;

  /** The engine's own database, H2 or (in the PostgreSQL run) the one standing in for it. */
  @Value("${spring.datasource.url}")
  String dbUrl;

  @Value("${spring.datasource.username}")
  String dbUser;

  @Value("${spring.datasource.password:}")
  String dbPassword;

  @Autowired JdbcTemplate jdbc;
  private BulwarkClient admin;
  private final String run = UUID.randomUUID().toString();

  @BeforeEach
  void connect() {
    admin = new BulwarkClient(port);
  }

  @Test
  void anAlertAnIncidentAndAnApprovalAreRecordedWithWhoAndFromWhere() {
    String user = "au-" + run.substring(0, 8);
    assertThat(
            admin
                .postJson("/api/v1/alerts", TestAlerts.load("high_risk_siem_alert.json", user, run))
                .status())
        .isEqualTo(202);
    JsonNode incident =
        admin.await(
            "/api/v1/incidents?size=500",
            list -> incidentOf(list, user) != null,
            Duration.ofSeconds(30));
    String incidentId = incidentOf(incident, user).get("id").asText();
    JsonNode approval =
        admin.await(
            "/api/v1/approvals",
            list -> list.findValuesAsText("incidentId").contains(incidentId),
            Duration.ofSeconds(30));
    String taskId = taskFor(approval, incidentId);

    var decided =
        admin
            .as("analyst", "analyst")
            .postJson(
                "/api/v1/approvals/" + taskId, "{\"decision\": \"reject\", \"comment\": \"ok\"}");
    assertThat(decided.status()).isEqualTo(200);
    assertThat(decided.json().get("decidedBy").asText()).isEqualTo("analyst");

    List<JsonNode> records = allRecords();
    assertThat(records)
        .anySatisfy(
            r -> {
              assertThat(r.get("action").asText()).isEqualTo("alert.accepted");
              assertThat(r.get("actor").asText()).isEqualTo("key:dev");
              assertThat(r.get("origin").asText()).isEqualTo("127.0.0.1");
            });
    assertThat(records)
        .anySatisfy(
            r -> {
              assertThat(r.get("action").asText()).isEqualTo("incident.opened");
              assertThat(r.get("target").asText()).isEqualTo(incidentId);
              assertThat(r.get("actor").asText()).isEqualTo("system");
            });
    assertThat(records)
        .anySatisfy(
            r -> {
              assertThat(r.get("action").asText()).isEqualTo("approval.decided");
              assertThat(r.get("target").asText()).isEqualTo(incidentId);
              assertThat(r.get("actor").asText()).isEqualTo("analyst");
              assertThat(r.get("details").asText()).contains("\"decision\":\"reject\"");
            });
    JsonNode timeline =
        admin.await(
            "/api/v1/incidents/" + incidentId,
            i -> i.get("timeline").findValuesAsText("kind").contains("approval"),
            Duration.ofSeconds(30));
    assertThat(timeline.get("timeline").toString()).contains("\"approver\":\"analyst\"");
  }

  @Test
  void theUntouchedChainVerifies() {
    admin.postJson("/api/v1/alerts", TestAlerts.load("high_risk_siem_alert.json", "v-" + run, run));

    var verified = admin.get("/api/v1/audit/verify");

    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().get("valid").asBoolean()).isTrue();
    assertThat(verified.json().get("records").asLong()).isPositive();
    assertThat(cli()).startsWith("0 audit chain OK: ");
  }

  @Test
  void anEditedRecordIsDetectedByTheEndpointAndTheCli() {
    long seq = someRecord();
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_log WHERE seq = ?", seq);
    jdbc.update("UPDATE audit_log SET actor = 'nobody' WHERE seq = ?", seq);
    try {
      var verified = admin.get("/api/v1/audit/verify");

      assertThat(verified.status()).isEqualTo(409);
      assertThat(verified.json().get("valid").asBoolean()).isFalse();
      assertThat(verified.json().get("brokenAt").asLong()).isEqualTo(seq);
      assertThat(verified.json().get("problem").asText())
          .isEqualTo("record " + seq + " was edited: its content no longer matches its hash");
      assertThat(cli()).startsWith("1 audit chain BROKEN at record " + seq + ": ");
    } finally {
      jdbc.update("DELETE FROM audit_log WHERE seq = ?", seq);
      reinsert(row);
    }
    assertThat(admin.get("/api/v1/audit/verify").status()).isEqualTo(200);
  }

  @Test
  void aDeletedRecordIsDetected() {
    long seq = someRecord();
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_log WHERE seq = ?", seq);
    jdbc.update("DELETE FROM audit_log WHERE seq = ?", seq);
    try {
      var verified = admin.get("/api/v1/audit/verify");

      assertThat(verified.status()).isEqualTo(409);
      assertThat(verified.json().get("problem").asText())
          .isEqualTo("record " + seq + " is missing (deleted): the next present is " + (seq + 1));
    } finally {
      reinsert(row);
    }
    assertThat(admin.get("/api/v1/audit/verify").status()).isEqualTo(200);
  }

  @Test
  void twoRecordsSwappedAreDetected() {
    long seq = someRecord();
    Map<String, Object> first = jdbc.queryForMap("SELECT * FROM audit_log WHERE seq = ?", seq);
    Map<String, Object> second = jdbc.queryForMap("SELECT * FROM audit_log WHERE seq = ?", seq + 1);
    jdbc.update("DELETE FROM audit_log WHERE seq IN (?, ?)", seq, seq + 1);
    first.put("SEQ", seq + 1);
    second.put("SEQ", seq);
    reinsert(first);
    reinsert(second);
    try {
      var verified = admin.get("/api/v1/audit/verify");

      assertThat(verified.status()).isEqualTo(409);
      assertThat(verified.json().get("brokenAt").asLong()).isEqualTo(seq);
    } finally {
      jdbc.update("DELETE FROM audit_log WHERE seq IN (?, ?)", seq, seq + 1);
      first.put("SEQ", seq);
      second.put("SEQ", seq + 1);
      reinsert(first);
      reinsert(second);
    }
    assertThat(admin.get("/api/v1/audit/verify").status()).isEqualTo(200);
  }

  @Test
  void failedAuthenticationsOfEveryWayInAreRecordedAndAGuesserLeavesOneRecordNotAFlood() {
    long before = admin.get("/api/v1/audit/verify").json().get("headSeq").asLong();
    String guessed = "guess-" + run.substring(0, 8);
    for (int i = 0; i < 25; i++) {
      assertThat(admin.as(guessed, "password" + i).get("/api/v1/incidents").status())
          .isEqualTo(401);
    }
    assertThat(
            admin
                .withApiKey("not-a-key-" + run)
                .postJson("/api/v1/alerts", TestAlerts.load("high_risk_siem_alert.json", "k", run))
                .status())
        .isEqualTo(401);
    String body = "{}";
    long now = System.currentTimeMillis() / 1000;
    assertThat(
            admin
                .anonymous()
                .post(
                    "/api/v1/alerts",
                    "application/json",
                    body.getBytes(StandardCharsets.UTF_8),
                    Map.of(
                        "X-Bulwark-Source",
                        "test-siem",
                        "X-Bulwark-Timestamp",
                        Long.toString(now),
                        "X-Bulwark-Signature",
                        "sha256=" + "00".repeat(32)))
                .status())
        .isEqualTo(401);

    List<JsonNode> failures =
        allRecords().stream()
            .filter(r -> r.get("seq").asLong() > before)
            .filter(r -> r.get("action").asText().equals("login.failed"))
            .toList();
    assertThat(failures.stream().filter(r -> r.get("actor").asText().equals(guessed)))
        .as("25 wrong passwords in a minute: one record, the rest counted when the minute ends")
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("origin").asText()).isEqualTo("127.0.0.1");
              assertThat(r.get("details").asText())
                  .contains("\"method\":\"basic\"")
                  .doesNotContain("password");
            });
    assertThat(failures)
        .anySatisfy(
            r -> {
              assertThat(r.get("actor").asText()).startsWith("api-key:");
              assertThat(r.toString()).doesNotContain("not-a-key-");
            });
    assertThat(failures)
        .anySatisfy(
            r -> {
              assertThat(r.get("actor").asText()).isEqualTo("webhook:test-siem");
              assertThat(r.get("details").asText()).contains("does not match");
            });
    assertThat(admin.get("/api/v1/audit/verify").status()).isEqualTo(200);
  }

  /** A record with at least one after it, so that deleting it leaves a visible gap. */
  private long someRecord() {
    for (int i = 0; i < 3; i++) {
      admin.postJson(
          "/api/v1/alerts", TestAlerts.load("high_risk_siem_alert.json", "t-" + run, run + i));
    }
    Long max = jdbc.queryForObject("SELECT MAX(seq) FROM audit_log", Long.class);
    assertThat(max).isGreaterThan(3);
    return max - 2;
  }

  private void reinsert(Map<String, Object> row) {
    jdbc.update(
        "INSERT INTO audit_log (seq, at, actor, action, target, origin, details, previous_hash,"
            + " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row.get("SEQ"),
        row.get("AT"),
        row.get("ACTOR"),
        row.get("ACTION"),
        row.get("TARGET"),
        row.get("ORIGIN"),
        row.get("DETAILS"),
        row.get("PREVIOUS_HASH"),
        row.get("HASH"));
  }

  private String cli() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        AuditVerifyCli.run(
            new String[] {"--url=" + dbUrl, "--user=" + dbUser, "--password=" + dbPassword},
            new PrintStream(out, true, StandardCharsets.UTF_8));
    return status + " " + out.toString(StandardCharsets.UTF_8);
  }

  private List<JsonNode> allRecords() {
    List<JsonNode> all = new ArrayList<>();
    long after = 0;
    while (true) {
      JsonNode page = admin.get("/api/v1/audit?after=" + after + "&limit=1000").json();
      if (page.isEmpty()) {
        return all;
      }
      page.forEach(all::add);
      after = page.get(page.size() - 1).get("seq").asLong();
    }
  }

  private static JsonNode incidentOf(JsonNode list, String user) {
    for (JsonNode i : list.get("items")) {
      if (i.at("/entities/users").toString().contains("\"" + user + "\"")) {
        return i;
      }
    }
    return null;
  }

  private static String taskFor(JsonNode approvals, String incidentId) {
    for (JsonNode a : approvals) {
      if (a.get("incidentId").asText().equals(incidentId)) {
        return a.get("id").asText();
      }
    }
    throw new AssertionError("no approval for " + incidentId);
  }
}
