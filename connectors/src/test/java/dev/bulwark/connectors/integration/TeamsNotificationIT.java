package dev.bulwark.connectors.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.connectors.teams.TeamsNotificationRoutes;
import dev.bulwark.connectors.teams.TeamsSettings;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Teams webhooks (Workflows and legacy incoming webhooks) against WireMock stubs built from
 * Microsoft's Teams and Logic Apps documentation and the legacy connectors' documented
 * 200-with-error-text answers (files under {@code src/test/resources/teams/mappings}).
 */
class TeamsNotificationIT {

  private static final String SIG = "sig-security-5c1e";
  private static final String LEGACY_SECRET = "legacy-secret-6b2d";

  @RegisterExtension
  static WireMockExtension teams =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("teams"))
          .build();

  @RegisterExtension
  static NoSecretsInLogs logs =
      new NoSecretsInLogs(
          SIG,
          LEGACY_SECRET,
          "sig-busy-77aa",
          "sig-flaky-31d0",
          "sig-slow-9e9e",
          "sig-gone-0b0b",
          "sig-wrong-0000",
          "legacy-secret-busy-8c4f",
          "legacy-secret-bad-1a9e");

  @BeforeAll
  static void warmUp() {
    NotifyRequests.warmUp(teams.baseUrl());
  }

  @Test
  void theChannelGetsAnAdaptiveCardWithTheIncidentAndApprovalActions() throws Exception {
    ActionResult result = routes().handle(NotifyRequests.incident("INC-T", "security"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    List<LoggedRequest> posts = teams.findAll(postRequestedFor(urlPathMatching("/workflows/.*")));
    // At least once: on a busy machine the cold stub server can miss the timeout, and the retry
    // posts the same message again (the receiving side is idempotent by design or by the key).
    assertThat(posts)
        .isNotEmpty()
        .allMatch(p -> p.getBodyAsString().equals(posts.get(0).getBodyAsString()));
    JsonNode message = new ObjectMapper().readTree(posts.get(0).getBodyAsString());
    assertThat(message.get("type").asText()).isEqualTo("message");
    assertThat(message.at("/attachments/0/contentType").asText())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    JsonNode card = message.at("/attachments/0/content");
    assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.at("/body/0/text").asText()).isEqualTo("Impossible travel for alice");
    assertThat(card.at("/body/1/facts/0/value").asText()).isEqualTo("INC-T");
    assertThat(card.at("/body/1/facts/1/value").asText()).isEqualTo("high");
    assertThat(card.get("body").toString())
        .contains("{\"title\":\"user\",\"value\":\"alice\"}")
        .contains("- impossible travel Paris -> Sydney in 1h (+60)")
        .contains("- new device fingerprint (+40)")
        .contains("- DISABLE_ACCOUNT alice: DONE")
        .contains("- ISOLATE_HOST");
    assertThat(card.at("/actions/0/type").asText()).isEqualTo("Action.OpenUrl");
    assertThat(card.at("/actions/0/url").asText())
        .isEqualTo("https://bulwark.example.test/api/v1/approvals/task-7?decision=approve");
    assertThat(card.at("/actions/1/url").asText())
        .isEqualTo("https://bulwark.example.test/api/v1/approvals/task-7?decision=reject");
  }

  @Test
  void anAlertFieldCannotBecomeALinkInTheCard() throws Exception {
    routes()
        .handle(
            new ActionRequest(
                "INC-X",
                ActionType.NOTIFY,
                "security",
                Map.of("reason", "[reset your password](https://evil.test/login)")));

    String body =
        teams.findAll(postRequestedFor(urlPathMatching("/workflows/.*"))).get(0).getBodyAsString();
    assertThat(body).doesNotContain("](https://evil.test").contains("https://evil.test/login");
  }

  @Test
  void aLegacyIncomingWebhookThatAnswers1IsSuccess() {
    ActionResult result = routes().handle(NotifyRequests.incident("INC-T", "legacy"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    teams.verify(1, postRequestedFor(urlPathMatching("/webhookb2/.*/legacy-secret-6b2d")));
  }

  @Test
  void aLegacyWebhookThatHides429InA200IsRetriedThenPosted() {
    ActionResult result = routes().handle(NotifyRequests.incident("INC-T", "legacy-busy"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    teams.verify(2, postRequestedFor(urlPathMatching("/webhookb2/.*/legacy-secret-busy-8c4f")));
  }

  @Test
  void aLegacyWebhookThatHidesARefusalInA200IsRejectedNotSuccess() {
    assertThatThrownBy(() -> routes().handle(NotifyRequests.incident("INC-T", "legacy-refused")))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageContaining("HTTP error 400")
        .hasMessageNotContaining("legacy-secret-bad-1a9e")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.REJECTED));
  }

  @Test
  void aWrongSignatureIsUnauthorizedAndTheUrlIsNotInTheMessage() {
    assertThatThrownBy(() -> routes().handle(NotifyRequests.incident("INC-T", "denied")))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageNotContaining("sig-wrong-0000")
        .hasMessageNotContaining("7d1c0ffee0ba")
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
  }

  @Test
  void aDeletedWorkflowIsATypedNotFound() {
    assertThatThrownBy(() -> routes().handle(NotifyRequests.incident("INC-T", "gone")))
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.NOT_FOUND));
  }

  @Test
  void aChannelWithoutAWebhookIsRejectedNamingIt() {
    TeamsNotificationRoutes routes =
        new TeamsNotificationRoutes(
            new TeamsSettings(
                null,
                Map.of("security", Secret.of(workflow("7d1c0ffee0b5", SIG))),
                "https://bulwark.example.test",
                false,
                NotifyRequests.policy()),
            EnumSet.of(ActionType.NOTIFY));

    assertThatThrownBy(() -> routes.handle(NotifyRequests.incident("INC-T", "hr")))
        .hasMessageContaining("no webhook for hr")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.REJECTED));
  }

  @Test
  void aRateLimitIsWaitedOutAsRetryAfterSaysThenPosted() {
    routes().handle(NotifyRequests.incident("INC-T", "busy"));

    teams.verify(2, postRequestedFor(urlPathEqualTo(invoke("7d1c0ffee0b6"))));
  }

  @Test
  void aServerErrorThenSuccessIsRetriedOnce() {
    routes().handle(NotifyRequests.incident("INC-T", "flaky"));

    teams.verify(2, postRequestedFor(urlPathEqualTo(invoke("7d1c0ffee0b7"))));
  }

  @Test
  void aWebhookThatAnswersTooLateIsARetryableTimeoutAfterEveryAttempt() {
    assertThatThrownBy(() -> routes().handle(NotifyRequests.incident("INC-T", "slow")))
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT);
              assertThat(((ConnectorFailure) e).retryable()).isTrue();
              assertThat(e).hasMessageNotContaining("sig-slow-9e9e");
            });
    teams.verify(3, postRequestedFor(urlPathEqualTo(invoke("7d1c0ffee0b8"))));
  }

  private static TeamsNotificationRoutes routes() {
    String legacy = teams.baseUrl() + "/webhookb2/aa11bb22-cc33@dd44ee55/IncomingWebhook/";
    return new TeamsNotificationRoutes(
        new TeamsSettings(
            Secret.of(workflow("7d1c0ffee0b5", SIG)),
            Map.of(
                "busy", Secret.of(workflow("7d1c0ffee0b6", "sig-busy-77aa")),
                "flaky", Secret.of(workflow("7d1c0ffee0b7", "sig-flaky-31d0")),
                "slow", Secret.of(workflow("7d1c0ffee0b8", "sig-slow-9e9e")),
                "gone", Secret.of(workflow("7d1c0ffee0b9", "sig-gone-0b0b")),
                "denied", Secret.of(workflow("7d1c0ffee0ba", "sig-wrong-0000")),
                "legacy", Secret.of(legacy + "0f0f0f0f/" + LEGACY_SECRET),
                "legacy-busy", Secret.of(legacy + "0e0e0e0e/legacy-secret-busy-8c4f"),
                "legacy-refused", Secret.of(legacy + "0d0d0d0d/legacy-secret-bad-1a9e")),
            "https://bulwark.example.test",
            false,
            NotifyRequests.policy()),
        EnumSet.of(ActionType.NOTIFY));
  }

  private static String invoke(String workflow) {
    return "/workflows/" + workflow + "/triggers/manual/paths/invoke";
  }

  /** A Workflows trigger URL as Teams hands it out: the signature is a query parameter. */
  private static String workflow(String id, String sig) {
    return teams.baseUrl()
        + invoke(id)
        + "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig="
        + sig;
  }
}
