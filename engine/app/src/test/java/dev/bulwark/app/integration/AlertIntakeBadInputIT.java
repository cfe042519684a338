package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@EngineIT
class AlertIntakeBadInputIT {

  @LocalServerPort int port;
  private BulwarkClient client;
  private final String run = UUID.randomUUID().toString();

  @BeforeEach
  void connect() {
    client = new BulwarkClient(port);
  }

  @Test
  void malformedJsonIsRejectedNamingWhere() {
    long before = received();

    var response = client.postJson("/api/v1/alerts", TestAlerts.load("malformed.json", "x", run));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("type").asText())
        .isEqualTo("https://bulwark.dev/problems/malformed-json");
    assertThat(problem.get("title").asText()).isEqualTo("Malformed JSON");
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asText())
        .startsWith("malformed JSON: Unexpected character ('}'")
        .contains("line 1, column");
    assertThat(received()).isEqualTo(before);
  }

  @Test
  void wrongTypesRejectTheWholeBatchAndNameEachDocumentAndField() {
    long before = received();

    var response =
        client.postJson("/api/v1/alerts", TestAlerts.load("wrong_types.json", "wt-" + run, run));

    assertThat(response.status()).isEqualTo(400);
    JsonNode problem = response.json();
    assertThat(problem.get("type").asText())
        .isEqualTo("https://bulwark.dev/problems/invalid-alert");
    assertThat(problem.get("detail").asText())
        .isEqualTo(
            "2 problems, first: alert[1].event.risk_score: must be a number, got string high");
    assertThat(problem.get("errors")).hasSize(2);
    assertThat(problem.at("/errors/0/index").asInt()).isEqualTo(1);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("event.risk_score");
    assertThat(problem.at("/errors/1/index").asInt()).isEqualTo(2);
    assertThat(problem.at("/errors/1/field").asText()).isEqualTo("user.name");
    assertThat(problem.at("/errors/1/message").asText())
        .isEqualTo("must be a string or an array of strings, got number 42");
    assertThat(problem.get("committed").asInt()).isZero();
    assertThat(received())
        .as("the valid first document was not committed either")
        .isEqualTo(before);
  }

  @Test
  void aMissingTimestampIsRejected() {
    var response =
        client.postJson("/api/v1/alerts", TestAlerts.load("missing_timestamp.json", "mt", run));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asText())
        .isEqualTo("alert[0].@timestamp: is required");
    assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("@timestamp");
  }

  @Test
  void aBodyOverTenMegabytesIsRefusedWith413() {
    byte[] body = new byte[11 * 1024 * 1024];
    Arrays.fill(body, (byte) ' ');
    body[0] = '[';
    body[body.length - 1] = ']';

    var response = client.post("/api/v1/alerts", "application/json", body);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().get("type").asText())
        .isEqualTo("https://bulwark.dev/problems/body-too-large");
    assertThat(response.json().get("detail").asText())
        .isEqualTo(
            "the request body of 11534336 bytes is larger than the limit of 10485760 bytes"
                + " (bulwark.intake.max-body-bytes); split it into smaller batches");
  }

  @Test
  void moreAlertsThanTheBatchLimitAreRefusedWith413() {
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i <= 10_000; i++) {
      ndjson.append("{\"@timestamp\":\"2026-11-20T09:00:00Z\",\"n\":").append(i).append("}\n");
    }

    var response =
        client.post(
            "/api/v1/alerts",
            "application/x-ndjson",
            ndjson.toString().getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().get("detail").asText())
        .isEqualTo("a batch holds at most 10000 alerts; split it");
  }

  @Test
  void anEmptyArrayIsABadRequest() {
    var response = client.postJson("/api/v1/alerts", "[]");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asText())
        .isEqualTo("https://bulwark.dev/problems/empty-batch");
    assertThat(response.json().get("detail").asText())
        .isEqualTo("the request holds no alerts: send one ECS document, an array or NDJSON lines");
  }

  @Test
  void anotherContentTypeIsRefusedWith415() {
    var response =
        client.post("/api/v1/alerts", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(415);
    assertThat(response.json().get("detail").asText())
        .isEqualTo(
            "Content-Type text/plain is not supported: send application/json or application/x-ndjson");
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] body =
        "{\"@timestamp\":\"2026-11-20T09:00:00Z\",\"message\":\"\u00ff\"}"
            .getBytes(StandardCharsets.ISO_8859_1);

    var response = client.post("/api/v1/alerts", "application/json", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asText()).isEqualTo("the body is not valid UTF-8");
  }

  @Test
  void aRepostedAlertIsCountedAsDuplicateAndJournaledOnce() {
    String alert = TestAlerts.load("high_risk_siem_alert.json", "dup-" + run, run);
    long before = received();

    var first = client.postJson("/api/v1/alerts", alert);
    var second = client.postJson("/api/v1/alerts", alert);

    assertThat(first.json().get("accepted").asInt()).isEqualTo(1);
    assertThat(second.status()).isEqualTo(202);
    assertThat(second.json().get("accepted").asInt()).isZero();
    assertThat(second.json().get("duplicates").asInt()).isEqualTo(1);
    assertThat(received()).isEqualTo(before + 1);
  }

  @Test
  void alertsWithoutEventIdAreRecognisedByContentWhateverTheKeyOrder() {
    String one = "{\"@timestamp\":\"2026-11-20T09:00:00Z\",\"message\":\"" + run + "\",\"x\":1}";
    String same =
        "{ \"x\": 1, \"message\": \"" + run + "\", \"@timestamp\": \"2026-11-20T09:00:00Z\" }";

    var response = client.postJson("/api/v1/alerts", "[" + one + "," + same + "]");

    assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
    assertThat(response.json().get("duplicates").asInt()).isEqualTo(1);
  }

  private long received() {
    return client.get("/api/v1/status").json().at("/journal/received").asLong();
  }
}
