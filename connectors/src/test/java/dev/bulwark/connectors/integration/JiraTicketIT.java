package dev.bulwark.connectors.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.bulwark.connectors.jira.JiraSettings;
import dev.bulwark.connectors.jira.JiraTicketRoutes;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jira Cloud tickets against WireMock stubs built from the Jira Cloud REST API v3 reference (files
 * under {@code src/test/resources/jira/mappings}, each naming its source).
 */
class JiraTicketIT {

  private static final String TOKEN = "jira-token-4c2b8e";
  private static final String BASIC =
      Base64.getEncoder()
          .encodeToString(("bulwark@example.test:" + TOKEN).getBytes(StandardCharsets.UTF_8));

  @RegisterExtension
  static WireMockExtension jira =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("jira"))
          .build();

  @RegisterExtension
  static NoSecretsInLogs logs = new NoSecretsInLogs(TOKEN, BASIC, "jira-wrong-0000");

  @BeforeAll
  static void warmUp() {
    NotifyRequests.warmUp(jira.baseUrl());
  }

  @Test
  void anIssueIsOpenedWithTheIncidentInItsDescriptionAndTheKeyAsLabel() throws Exception {
    ActionResult result = routes(TOKEN).handle(ticket("INC-J", "security-queue", null));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail()).isEqualTo("opened SOC-42 in SOC");
    List<LoggedRequest> creates = jira.findAll(postRequestedFor(urlEqualTo("/rest/api/3/issue")));
    // At least once: on a busy machine the cold stub server can miss the timeout, and the retry
    // posts the same message again (the receiving side is idempotent by design or by the key).
    assertThat(creates).isNotEmpty();
    JsonNode fields = new ObjectMapper().readTree(creates.get(0).getBodyAsString()).get("fields");
    assertThat(fields.at("/project/key").asText()).isEqualTo("SOC");
    assertThat(fields.at("/issuetype/name").asText()).isEqualTo("Incident");
    assertThat(fields.get("summary").asText())
        .isEqualTo("[Bulwark] high: Impossible travel for alice (INC-J)");
    assertThat(fields.get("labels").toString())
        .isEqualTo("[\"bulwark\",\"bulwark-INC-J_OPEN_TICKET_security-queue\"]");
    String description = fields.get("description").toString();
    assertThat(description)
        .contains("\"type\":\"bulletList\"")
        .contains("\"text\":\"INC-J\",\"marks\":[{\"type\":\"strong\"}]")
        .contains("\"text\":\"user: alice\"")
        .contains("\"text\":\"impossible travel Paris -> Sydney in 1h (+60)\"")
        .contains("\"text\":\"DISABLE_ACCOUNT alice: DONE\"")
        .contains(
            "{\"type\":\"link\",\"attrs\":{\"href\":"
                + "\"https://bulwark.example.test/api/v1/approvals/task-7?decision=approve\"}}");
    // The label search happened first, so a repeat can find this issue.
    jira.verify(1, getRequestedFor(urlPathEqualTo("/rest/api/3/search/jql")));
  }

  @Test
  void aRepeatFindsTheIssueItOpenedAndDoesNotOpenASecond() {
    ActionResult result = routes(TOKEN).handle(ticket("INC-OLD", "SOC", null));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail()).isEqualTo("ticket SOC-7 was already open for INC-OLD");
    jira.verify(0, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
  }

  @Test
  void aPendingLedgerEntryIsLookedUpByTheIssuesLabel() {
    JiraTicketRoutes routes = routes(TOKEN);

    assertThat(routes.lookup(ticket("INC-OLD", "SOC", null)))
        .hasValueSatisfying(
            r -> {
              assertThat(r.status()).isEqualTo(ActionStatus.DONE);
              assertThat(r.detail()).isEqualTo("ticket SOC-7 was already open for INC-OLD");
            });
    assertThat(routes.lookup(ticket("INC-J", "SOC", null))).isEmpty();
    assertThat(routes.lookup(ticket("INC-OLD", "SOC", "rollback"))).isEmpty();
    jira.verify(0, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
  }

  @Test
  void anUpdateOnAnotherOccasionIsACommentOnTheSameIssue() throws Exception {
    ActionResult result = routes(TOKEN).handle(ticket("INC-OLD", "SOC", "rollback"));

    assertThat(result.detail()).isEqualTo("commented on SOC-7 (rollback)");
    jira.verify(0, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
    List<LoggedRequest> comments =
        jira.findAll(postRequestedFor(urlEqualTo("/rest/api/3/issue/SOC-7/comment")));
    assertThat(comments).hasSize(1);
    JsonNode body = new ObjectMapper().readTree(comments.get(0).getBodyAsString()).get("body");
    assertThat(body.at("/content/0/content/0/text").asText()).isEqualTo("Update (rollback)");
    assertThat(body.toString()).contains("INC-OLD", "new device fingerprint (+40)");
  }

  @Test
  void wrongCredentialsAreUnauthorizedAndNotRetried() {
    assertThatThrownBy(() -> routes("jira-wrong-0000").handle(ticket("INC-J", "SOC", null)))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageNotContaining("jira-wrong-0000")
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
    jira.verify(1, getRequestedFor(urlPathEqualTo("/rest/api/3/search/jql")));
  }

  @Test
  void anAccountThatMayNotCreateIssuesInTheProjectIsForbidden() {
    assertThatThrownBy(() -> routes(TOKEN).handle(ticket("INC-J", "LOCKED", null)))
        .hasMessageContaining("do not have permission")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.FORBIDDEN));
  }

  @Test
  void anUnknownProjectIsRejectedWithJirasReason() {
    assertThatThrownBy(() -> routes(TOKEN).handle(ticket("INC-J", "NOPE", null)))
        .hasMessageContaining("valid project is required")
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.REJECTED);
              assertThat(((ConnectorFailure) e).retryable()).isFalse();
            });
  }

  @Test
  void aCommentOnAnIssueDeletedSinceIsATypedNotFound() {
    assertThatThrownBy(() -> routes(TOKEN).handle(ticket("INC-GONE", "SOC", "rollback")))
        .hasMessageContaining("Issue does not exist")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.NOT_FOUND));
  }

  @Test
  void aRateLimitIsWaitedOutAsRetryAfterSaysThenTheIssueIsOpened() {
    ActionResult result = routes(TOKEN).handle(ticket("INC-J", "BUSY", null));

    assertThat(result.detail()).isEqualTo("opened BUSY-1 in BUSY");
    jira.verify(2, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
  }

  @Test
  void aServerErrorThenSuccessIsRetriedOnce() {
    ActionResult result = routes(TOKEN).handle(ticket("INC-J", "FLAKY", null));

    assertThat(result.detail()).isEqualTo("opened FLAKY-1 in FLAKY");
    jira.verify(2, postRequestedFor(urlEqualTo("/rest/api/3/issue")));
  }

  @Test
  void aSiteThatAnswersTooLateIsARetryableTimeout() {
    assertThatThrownBy(() -> routes(TOKEN).handle(ticket("INC-J", "SLOW", null)))
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT);
              assertThat(((ConnectorFailure) e).retryable()).isTrue();
            });
  }

  @Test
  void theHealthProbeChecksTheTokenWithMyself() {
    routes(TOKEN).probe();

    assertThatThrownBy(() -> routes("jira-wrong-0000").probe())
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
    jira.verify(2, getRequestedFor(urlEqualTo("/rest/api/3/myself")));
  }

  private static ActionRequest ticket(String incidentId, String queue, String occasion) {
    return NotifyRequests.incident(incidentId, ActionType.OPEN_TICKET, queue, occasion);
  }

  private static JiraTicketRoutes routes(String token) {
    return new JiraTicketRoutes(
        new JiraSettings(
            URI.create(jira.baseUrl()),
            "bulwark@example.test",
            Secret.of(token),
            Map.of("security-queue", "SOC"),
            "Incident",
            "https://bulwark.example.test",
            false,
            NotifyRequests.policy()),
        EnumSet.of(ActionType.OPEN_TICKET));
  }
}
