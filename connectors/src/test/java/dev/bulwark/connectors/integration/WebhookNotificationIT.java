package dev.bulwark.connectors.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.connectors.webhook.WebhookNotificationRoutes;
import dev.bulwark.connectors.webhook.WebhookSettings;
import dev.bulwark.connectors.webhook.WebhookSignature;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionType;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The signed generic webhook against a WireMock receiver (stubs in resources/webhook). */
class WebhookNotificationIT {

  private static final String KEY = "webhook-key-6a1f";

  @RegisterExtension
  static WireMockExtension receiver =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("webhook"))
          .build();

  @RegisterExtension static NoSecretsInLogs logs = new NoSecretsInLogs(KEY);

  @Test
  void theReceiverGetsTheIncidentWithASignatureItCanVerify() throws Exception {
    routes().handle(request("soc"));

    List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo("/hooks/bulwark")));
    assertThat(received).hasSize(1);
    LoggedRequest post = received.get(0);
    String body = post.getBodyAsString();
    assertThat(post.getHeader("X-Bulwark-Signature"))
        .isEqualTo(WebhookSignature.sign(KEY, post.getHeader("X-Bulwark-Timestamp"), body));
    assertThat(post.getHeader("Idempotency-Key")).isEqualTo("INC-W:NOTIFY:soc");
    JsonNode json = new ObjectMapper().readTree(body);
    assertThat(json.get("title").asText()).isEqualTo("Impossible travel for alice");
    assertThat(json.at("/entities/user").asText()).isEqualTo("alice");
    assertThat(json.get("signals")).hasSize(2);
    assertThat(body).doesNotContain(KEY);
  }

  @Test
  void aReceiverThatRejectsTheSignatureIsUnauthorizedAndNotRetried() {
    assertThatThrownBy(() -> routes().handle(request("denied")))
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
    receiver.verify(1, postRequestedFor(urlEqualTo("/hooks/bulwark")));
  }

  @Test
  void aRateLimitIsRetriedAfterRetryAfter() {
    routes().handle(request("busy"));

    receiver.verify(2, postRequestedFor(urlEqualTo("/hooks/bulwark")));
  }

  @Test
  void anUnavailableReceiverIsRetriedUntilItAnswers() {
    routes().handle(request("flaky"));

    receiver.verify(2, postRequestedFor(urlEqualTo("/hooks/bulwark")));
  }

  @Test
  void aReceiverThatAnswersTooLateIsARetryableTimeout() {
    assertThatThrownBy(() -> routes().handle(request("slow")))
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT);
              assertThat(((ConnectorFailure) e).retryable()).isTrue();
            });
  }

  private static ActionRequest request(String channel) {
    return new ActionRequest(
        "INC-W",
        ActionType.NOTIFY,
        channel,
        Map.of(
            "reason", "Impossible travel for alice",
            "entities", Map.of("user", "alice"),
            "signals", List.of("impossible travel", "new device")));
  }

  private static WebhookNotificationRoutes routes() {
    return new WebhookNotificationRoutes(
        new WebhookSettings(
            URI.create(receiver.baseUrl() + "/hooks/bulwark"),
            Secret.of(KEY),
            "https://bulwark.example.test",
            false,
            new PolicySettings(
                Duration.ofMillis(1500),
                2,
                Duration.ofMillis(20),
                Duration.ofMillis(50),
                Duration.ofSeconds(5),
                10,
                Duration.ofSeconds(30))),
        EnumSet.of(ActionType.NOTIFY));
  }
}
