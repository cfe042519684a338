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
import dev.bulwark.connectors.slack.SlackNotificationRoutes;
import dev.bulwark.connectors.slack.SlackSettings;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.core.action.ActionRequest;
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
 * Slack {@code chat.postMessage} against WireMock stubs built from the Slack Web API reference (one
 * file per answer under {@code src/test/resources/slack/mappings}, each naming its source).
 */
class SlackNotificationIT {

  private static final String TOKEN = "xoxb-test-7f3a9c";

  @RegisterExtension
  static WireMockExtension slack =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("slack"))
          .build();

  @RegisterExtension static NoSecretsInLogs logs = new NoSecretsInLogs(TOKEN, "xoxb-wrong-0000");

  @BeforeAll
  static void warmUp() {
    NotifyRequests.warmUp(slack.baseUrl());
  }

  @Test
  void theChannelGetsABlockKitMessageWithTheIncidentAndApprovalButtons() throws Exception {
    ActionResult result = routes(TOKEN).handle(NotifyRequests.incident("INC-S", "security"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail()).contains("channel C0SECURITY", "ts 1764763200.000100");
    List<LoggedRequest> posts =
        slack.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    // At least once: on a busy machine the cold stub server can miss the timeout, and the retry
    // posts the same message again (the receiving side is idempotent by design or by the key).
    assertThat(posts)
        .isNotEmpty()
        .allMatch(p -> p.getBodyAsString().equals(posts.get(0).getBodyAsString()));
    JsonNode message = new ObjectMapper().readTree(posts.get(0).getBodyAsString());
    assertThat(message.get("channel").asText()).isEqualTo("C0SECURITY");
    assertThat(message.get("text").asText())
        .isEqualTo("[high] Impossible travel for alice (INC-S)");
    JsonNode blocks = message.get("blocks");
    assertThat(blocks.get(0).at("/text/text").asText()).isEqualTo("Impossible travel for alice");
    assertThat(blocks.toString())
        .contains("*Incident* INC-S")
        .contains("• user: alice")
        .contains("• impossible travel Paris -&gt; Sydney in 1h (+60)")
        .contains("• new device fingerprint (+40)")
        .contains("• DISABLE_ACCOUNT alice: DONE")
        .contains("• ISOLATE_HOST");
    JsonNode buttons = blocks.get(blocks.size() - 1);
    assertThat(buttons.get("type").asText()).isEqualTo("actions");
    assertThat(buttons.at("/elements/0/url").asText())
        .isEqualTo("https://bulwark.example.test/api/v1/approvals/task-7?decision=approve");
    assertThat(buttons.at("/elements/0/style").asText()).isEqualTo("primary");
    assertThat(buttons.at("/elements/1/url").asText())
        .isEqualTo("https://bulwark.example.test/api/v1/approvals/task-7?decision=reject");
    assertThat(posts.get(0).getBodyAsString()).doesNotContain(TOKEN);
  }

  @Test
  void alertFieldsCannotForgeSlackLinksOrMentions() throws Exception {
    routes(TOKEN)
        .handle(
            new ActionRequest(
                "INC-X",
                ActionType.NOTIFY,
                "security",
                Map.of("reason", "<!channel> <https://evil.test|click>")));

    JsonNode message =
        new ObjectMapper()
            .readTree(
                slack
                    .findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")))
                    .get(0)
                    .getBodyAsString());
    // mrkdwn (the fallback text and the sections) is escaped; the header is plain_text, which
    // Slack never parses for links or mentions.
    assertThat(message.get("text").asText())
        .doesNotContain("<!channel>")
        .contains("&lt;!channel&gt;");
    assertThat(message.at("/blocks/1/text/type").asText()).isEqualTo("mrkdwn");
    assertThat(message.at("/blocks/1/text/text").asText())
        .doesNotContain("<https://evil.test")
        .contains("&lt;https://evil.test|click&gt;");
    assertThat(message.at("/blocks/0/text/type").asText()).isEqualTo("plain_text");
  }

  @Test
  void aRevokedTokenIsUnauthorizedThoughSlackAnswers200() {
    assertThatThrownBy(
            () -> routes("xoxb-wrong-0000").handle(NotifyRequests.incident("INC-S", "security")))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageContaining("invalid_auth")
        .hasMessageNotContaining("xoxb-wrong-0000")
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
    slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void aTokenWithoutChatWriteIsForbidden() {
    assertThatThrownBy(() -> routes(TOKEN).handle(NotifyRequests.incident("INC-S", "C0NOSCOPE")))
        .hasMessageContaining("missing_scope")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.FORBIDDEN));
  }

  @Test
  void anUnknownChannelIsATypedNotFound() {
    assertThatThrownBy(() -> routes(TOKEN).handle(NotifyRequests.incident("INC-S", "C0GONE")))
        .hasMessageContaining("channel_not_found")
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.NOT_FOUND);
              assertThat(((ConnectorFailure) e).retryable()).isFalse();
            });
  }

  @Test
  void aRateLimitIsWaitedOutAsRetryAfterSaysThenPosted() {
    ActionResult result = routes(TOKEN).handle(NotifyRequests.incident("INC-S", "C0BUSY"));

    assertThat(result.detail()).contains("ts 1764763201.000200");
    slack.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void aServerErrorThenSuccessIsRetriedOnce() {
    ActionResult result = routes(TOKEN).handle(NotifyRequests.incident("INC-S", "C0FLAKY"));

    assertThat(result.detail()).contains("ts 1764763202.000300");
    slack.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void anApiThatAnswersTooLateIsARetryableTimeoutAfterEveryAttempt() {
    assertThatThrownBy(() -> routes(TOKEN).handle(NotifyRequests.incident("INC-S", "C0SLOW")))
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT);
              assertThat(((ConnectorFailure) e).retryable()).isTrue();
            });
    slack.verify(3, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void theHealthProbeChecksTheTokenWithAuthTest() {
    routes(TOKEN).probe();

    assertThatThrownBy(() -> routes("xoxb-wrong-0000").probe())
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
    slack.verify(2, postRequestedFor(urlEqualTo("/api/auth.test")));
  }

  @Test
  void dryRunPostsNothing() {
    ActionResult result =
        new SlackNotificationRoutes(settings(Secret.of(""), true), EnumSet.of(ActionType.NOTIFY))
            .handle(NotifyRequests.incident("INC-S", "security"));

    assertThat(result.status()).isEqualTo(ActionStatus.SIMULATED);
    slack.verify(0, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  private static SlackNotificationRoutes routes(String token) {
    return new SlackNotificationRoutes(
        settings(Secret.of(token), false), EnumSet.of(ActionType.NOTIFY));
  }

  private static SlackSettings settings(Secret token, boolean dryRun) {
    return new SlackSettings(
        URI.create(slack.baseUrl() + "/api"),
        token,
        Map.of("security", "C0SECURITY"),
        "https://bulwark.example.test",
        dryRun,
        NotifyRequests.policy());
  }
}
