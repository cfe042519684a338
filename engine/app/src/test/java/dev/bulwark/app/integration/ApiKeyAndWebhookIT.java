package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.app.security.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Machines posting alerts: API keys (issued, used, rotated, revoked) and signed webhooks. */
@EngineIT
class ApiKeyAndWebhookIT {

  @LocalServerPort int port;
  private BulwarkClient admin;
  private final String run = UUID.randomUUID().toString();

  @BeforeEach
  void connect() {
    admin = new BulwarkClient(port);
  }

  @Test
  void aSourceCanHoldTwoKeysAndARevokedOneStopsWorkingWhileTheOtherGoesOn() {
    String source = "siem-" + run.substring(0, 8);
    JsonNode first = admin.postJson("/api/v1/api-keys", "{\"source\": \"" + source + "\"}").json();
    JsonNode second = admin.postJson("/api/v1/api-keys", "{\"source\": \"" + source + "\"}").json();
    String firstKey = first.get("key").asText();
    String secondKey = second.get("key").asText();
    assertThat(firstKey).startsWith("bwk_").isNotEqualTo(secondKey);

    assertThat(post(admin.withApiKey(firstKey), "k1").status()).isEqualTo(202);
    assertThat(post(admin.withApiKey(secondKey), "k2").status()).isEqualTo(202);

    JsonNode listed = keyOf(first.at("/apiKey/id").asText());
    assertThat(listed.get("source").asText()).isEqualTo(source);
    assertThat(listed.get("prefix").asText()).isEqualTo(firstKey.substring(0, 8));
    assertThat(listed.get("lastUsedAt").isNull()).isFalse();
    assertThat(listed.toString()).doesNotContain(firstKey);

    assertThat(
            admin
                .request("DELETE", "/api/v1/api-keys/" + first.at("/apiKey/id").asText(), null)
                .status())
        .isEqualTo(204);

    var refused = post(admin.withApiKey(firstKey), "k3");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().get("type").asText())
        .isEqualTo("https://bulwark.dev/problems/invalid-api-key");
    assertThat(post(admin.withApiKey(secondKey), "k4").status()).isEqualTo(202);
    assertThat(keyOf(first.at("/apiKey/id").asText()).get("revokedAt").isNull()).isFalse();
  }

  @Test
  void anIntakeKeyCanPostAlertsAndNothingElse() {
    BulwarkClient intake = admin.withApiKey(BulwarkClient.DEV_INTAKE_KEY);

    assertThat(post(intake, "only-post").status()).isEqualTo(202);
    assertThat(intake.get("/api/v1/incidents").status()).isEqualTo(403);
    assertThat(intake.request("POST", "/api/v1/approvals/x", "{}").status()).isEqualTo(403);
  }

  @Test
  void aCorrectlySignedWebhookIsAccepted() {
    byte[] body = alert("wh-ok");
    long now = Instant.now().getEpochSecond();

    var response = signed(body, now, WebhookSignatures.sign(EngineIT.WEBHOOK_SECRET, now, body));

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void aWrongSignatureIsRefusedAndNothingIsStored() {
    byte[] body = alert("wh-wrong");
    long now = Instant.now().getEpochSecond();
    long before = received();

    var response = signed(body, now, WebhookSignatures.sign("not-the-secret", now, body));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("detail").asText())
        .isEqualTo("the signature does not match the body and timestamp");
    assertThat(received()).isEqualTo(before);
  }

  @Test
  void aTamperedBodyWithAGenuineSignatureIsRefused() {
    byte[] body = alert("wh-tamper");
    long now = Instant.now().getEpochSecond();
    String signature = WebhookSignatures.sign(EngineIT.WEBHOOK_SECRET, now, body);
    byte[] changed =
        new String(body, StandardCharsets.UTF_8)
            .replace("\"risk_score\": 91", "\"risk_score\": 10")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(changed).isNotEqualTo(body);

    assertThat(signed(changed, now, signature).status()).isEqualTo(401);
  }

  @Test
  void aReplayedWebhookIsRefusedTheSecondTime() {
    byte[] body = alert("wh-replay");
    long now = Instant.now().getEpochSecond();
    String signature = WebhookSignatures.sign(EngineIT.WEBHOOK_SECRET, now, body);

    assertThat(signed(body, now, signature).status()).isEqualTo(202);
    var replayed = signed(body, now, signature);

    assertThat(replayed.status()).isEqualTo(401);
    assertThat(replayed.json().get("detail").asText())
        .isEqualTo("this signed request was already received (replay)");
  }

  @Test
  void aWebhookSignedOutsideTheReplayWindowHasExpired() {
    byte[] body = alert("wh-old");
    long tenMinutesAgo = Instant.now().minusSeconds(600).getEpochSecond();

    var response =
        signed(
            body,
            tenMinutesAgo,
            WebhookSignatures.sign(EngineIT.WEBHOOK_SECRET, tenMinutesAgo, body));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("detail").asText()).startsWith("the signature has expired");
  }

  @Test
  void anUnknownWebhookSourceIsRefused() {
    byte[] body = alert("wh-unknown");
    long now = Instant.now().getEpochSecond();

    var response =
        admin.post(
            "/api/v1/alerts",
            "application/json",
            body,
            Map.of(
                "X-Bulwark-Source", "nobody",
                "X-Bulwark-Timestamp", Long.toString(now),
                "X-Bulwark-Signature", WebhookSignatures.sign(EngineIT.WEBHOOK_SECRET, now, body)));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("detail").asText())
        .isEqualTo("X-Bulwark-Source names no configured webhook source");
  }

  private BulwarkClient.Response signed(byte[] body, long timestamp, String signature) {
    return admin.post(
        "/api/v1/alerts",
        "application/json",
        body,
        Map.of(
            "X-Bulwark-Source",
            "test-siem",
            "X-Bulwark-Timestamp",
            Long.toString(timestamp),
            "X-Bulwark-Signature",
            signature));
  }

  private byte[] alert(String tag) {
    return TestAlerts.load("high_risk_siem_alert.json", tag + "-" + run.substring(0, 8), tag + run)
        .getBytes(StandardCharsets.UTF_8);
  }

  private BulwarkClient.Response post(BulwarkClient client, String tag) {
    return client.postJson(
        "/api/v1/alerts",
        TestAlerts.load("high_risk_siem_alert.json", "ak-" + run.substring(0, 8), tag + run));
  }

  private JsonNode keyOf(String id) {
    for (JsonNode key : admin.get("/api/v1/api-keys").json()) {
      if (key.get("id").asText().equals(id)) {
        return key;
      }
    }
    throw new AssertionError("key " + id + " is not listed");
  }

  private long received() {
    return admin.get("/api/v1/status").json().at("/journal/received").asLong();
  }
}
