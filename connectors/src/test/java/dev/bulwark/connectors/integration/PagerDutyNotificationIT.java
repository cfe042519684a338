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
import dev.bulwark.connectors.pagerduty.PagerDutyNotificationRoutes;
import dev.bulwark.connectors.pagerduty.PagerDutySettings;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PagerDuty Events API v2 against WireMock stubs built from PagerDuty's Events API reference (files
 * under {@code src/test/resources/pagerduty/mappings}, each naming its source).
 */
class PagerDutyNotificationIT {

  private static final String KEY = "R0bulwark0pagerduty0test0key0001";

  @RegisterExtension
  static WireMockExtension pagerduty =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("pagerduty"))
          .build();

  @RegisterExtension static NoSecretsInLogs logs = new NoSecretsInLogs(KEY);

  @BeforeAll
  static void warmUp() {
    NotifyRequests.warmUp(pagerduty.baseUrl());
  }

  @Test
  void onCallIsPagedWithTheIncidentAndTheActionsKeyAsDedupKey() throws Exception {
    ActionResult result = routes(KEY).handle(NotifyRequests.incident("INC-P", "on-call"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail())
        .isEqualTo("triggered PagerDuty alert for on-call (dedup key INC-P:NOTIFY:on-call)");
    JsonNode event = onlyEvent();
    assertThat(event.get("event_action").asText()).isEqualTo("trigger");
    assertThat(event.get("dedup_key").asText()).isEqualTo("INC-P:NOTIFY:on-call");
    assertThat(event.at("/payload/summary").asText())
        .isEqualTo("[high] Impossible travel for alice (INC-P)");
    assertThat(event.at("/payload/severity").asText()).isEqualTo("error");
    assertThat(event.at("/payload/source").asText()).isEqualTo("bulwark.example.test");
    assertThat(event.at("/payload/component").asText()).isEqualTo("laptop-17");
    assertThat(event.at("/payload/custom_details/entities/user").asText()).isEqualTo("alice");
    assertThat(event.at("/payload/custom_details/signals").toString())
        .contains("impossible travel Paris -> Sydney in 1h (+60)", "new device fingerprint (+40)");
    assertThat(event.at("/payload/custom_details/actions_taken/0").asText())
        .isEqualTo("DISABLE_ACCOUNT alice: DONE");
    assertThat(event.at("/links/0/href").asText())
        .isEqualTo("https://bulwark.example.test/api/v1/approvals/task-7?decision=approve");
    assertThat(event.at("/links/1/text").asText()).isEqualTo("Reject");
    assertThat(event.get("client_url").asText())
        .isEqualTo("https://bulwark.example.test/api/v1/incidents/INC-P");
  }

  @Test
  void theRollbackResolvesTheAlertTheContainmentNotificationTriggered() throws Exception {
    PagerDutyNotificationRoutes routes = routes(KEY);
    routes.handle(NotifyRequests.incident("INC-P", "on-call"));

    ActionResult result =
        routes.handle(NotifyRequests.incident("INC-P", ActionType.NOTIFY, "on-call", "rollback"));

    assertThat(result.detail()).startsWith("resolved PagerDuty alert for on-call");
    List<LoggedRequest> posts = pagerduty.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")));
    JsonNode resolve = new ObjectMapper().readTree(posts.get(posts.size() - 1).getBodyAsString());
    assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
    assertThat(resolve.get("dedup_key").asText()).isEqualTo("INC-P:NOTIFY:on-call");
  }

  @Test
  void anEscalationIsItsOwnAlertAndPagesAgain() throws Exception {
    routes(KEY)
        .handle(NotifyRequests.incident("INC-P", ActionType.NOTIFY, "on-call", "escalation"));

    JsonNode event = onlyEvent();
    assertThat(event.get("event_action").asText()).isEqualTo("trigger");
    assertThat(event.get("dedup_key").asText()).isEqualTo("INC-P:NOTIFY:on-call:escalation");
  }

  @Test
  void aWrongRoutingKeyIsRejectedAndNotRetried() {
    assertThatThrownBy(
            () -> routes("wrong-key").handle(NotifyRequests.incident("INC-P", "on-call")))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageContaining("routing_key")
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.REJECTED);
              assertThat(((ConnectorFailure) e).retryable()).isFalse();
            });
    pagerduty.verify(1, postRequestedFor(urlEqualTo("/v2/enqueue")));
  }

  @Test
  void aChannelWithItsOwnRoutingKeyUsesIt() throws Exception {
    PagerDutyNotificationRoutes routes =
        new PagerDutyNotificationRoutes(
            new PagerDutySettings(
                URI.create(pagerduty.baseUrl()),
                Secret.of("wrong-key"),
                Map.of("on-call", Secret.of(KEY)),
                "bulwark.example.test",
                "https://bulwark.example.test",
                false,
                NotifyRequests.policy()),
            EnumSet.of(ActionType.NOTIFY));

    routes.handle(NotifyRequests.incident("INC-P", "on-call"));

    assertThat(onlyEvent().get("routing_key").asText()).isEqualTo(KEY);
  }

  @Test
  void aRateLimitIsRetriedWithBackoffThenAccepted() {
    ActionResult result = routes(KEY).handle(NotifyRequests.incident("INC-P", "busy"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    pagerduty.verify(2, postRequestedFor(urlEqualTo("/v2/enqueue")));
  }

  @Test
  void aServerErrorThenSuccessIsRetriedOnce() {
    ActionResult result = routes(KEY).handle(NotifyRequests.incident("INC-P", "flaky"));

    assertThat(result.detail()).contains("INC-P:NOTIFY:flaky");
    pagerduty.verify(2, postRequestedFor(urlEqualTo("/v2/enqueue")));
  }

  @Test
  void anApiThatAnswersTooLateIsARetryableTimeoutAfterEveryAttempt() {
    assertThatThrownBy(() -> routes(KEY).handle(NotifyRequests.incident("INC-P", "slow")))
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT);
              assertThat(((ConnectorFailure) e).retryable()).isTrue();
            });
    pagerduty.verify(3, postRequestedFor(urlEqualTo("/v2/enqueue")));
  }

  private static JsonNode onlyEvent() throws Exception {
    List<LoggedRequest> posts = pagerduty.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")));
    // At least once: on a busy machine the cold stub server can miss the timeout, and the retry
    // posts the same message again (the receiving side is idempotent by design or by the key).
    assertThat(posts)
        .isNotEmpty()
        .allMatch(p -> p.getBodyAsString().equals(posts.get(0).getBodyAsString()));
    return new ObjectMapper().readTree(posts.get(0).getBodyAsString());
  }

  private static PagerDutyNotificationRoutes routes(String key) {
    return new PagerDutyNotificationRoutes(
        new PagerDutySettings(
            URI.create(pagerduty.baseUrl()),
            Secret.of(key),
            Map.of(),
            "bulwark.example.test",
            "https://bulwark.example.test",
            false,
            NotifyRequests.policy()),
        EnumSet.of(ActionType.NOTIFY));
  }
}
