package dev.bulwark.connectors.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.bulwark.connectors.okta.OktaIdentityRoutes;
import dev.bulwark.connectors.okta.OktaSettings;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.LedgeredResponseActions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Okta against WireMock stubs built from the Okta Management API reference (one file per call under
 * {@code src/test/resources/okta/mappings}, each naming its source).
 */
class OktaIdentityIT {

  private static final String TOKEN = "okta-api-token-5e8b1f";
  private static final EnumSet<ActionType> ACTIONS =
      EnumSet.of(
          ActionType.DISABLE_ACCOUNT,
          ActionType.ENABLE_ACCOUNT,
          ActionType.REVOKE_SESSIONS,
          ActionType.REMOVE_MFA);

  @RegisterExtension
  static WireMockExtension okta =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("okta"))
          .build();

  @RegisterExtension static NoSecretsInLogs logs = new NoSecretsInLogs(TOKEN);

  /** The first answer of a cold WireMock on a busy machine can outlast the connector's timeout. */
  @BeforeAll
  static void warmUp() throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(okta.baseUrl() + "/api/v1/users/me")).build(),
            HttpResponse.BodyHandlers.discarding());
  }

  @Test
  void anActiveUserIsSuspendedThroughTheLifecycleApi() {
    ActionResult result = routes(TOKEN).handle(request(ActionType.DISABLE_ACCOUNT, "dana"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail()).isEqualTo("suspended dana@example.com (was ACTIVE)");
    okta.verify(
        1,
        postRequestedFor(urlPathEqualTo("/api/v1/users/00udana/lifecycle/suspend"))
            .withHeader("Authorization", equalTo("SSWS " + TOKEN)));
  }

  @Test
  void aSuspendedUserIsUnsuspended() {
    ActionResult result = routes(TOKEN).handle(request(ActionType.ENABLE_ACCOUNT, "sam"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail()).isEqualTo("unsuspended sam@example.com");
    okta.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/users/00usam/lifecycle/unsuspend")));
  }

  @Test
  void anAlreadySuspendedUserIsNotSuspendedAgain() {
    ActionResult result = routes(TOKEN).handle(request(ActionType.DISABLE_ACCOUNT, "sam"));

    assertThat(result.status()).isEqualTo(ActionStatus.UNCHANGED);
    assertThat(result.detail())
        .isEqualTo("sam@example.com was already unable to sign in (SUSPENDED)");
    okta.verify(0, postRequestedFor(urlPathMatching("/api/v1/users/.*/lifecycle/.*")));
  }

  @Test
  void enablingAnActiveUserChangesNothingAndADeprovisionedOneIsRefused() {
    ActionResult active = routes(TOKEN).handle(request(ActionType.ENABLE_ACCOUNT, "dana"));

    assertThat(active.status()).isEqualTo(ActionStatus.UNCHANGED);
    assertThatThrownBy(() -> routes(TOKEN).handle(request(ActionType.ENABLE_ACCOUNT, "olga")))
        .hasMessageContaining("DEPROVISIONED")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.REJECTED));
    okta.verify(0, postRequestedFor(urlPathMatching("/api/v1/users/.*/lifecycle/.*")));
  }

  @Test
  void revokingSessionsClearsThemWithTheUsersOAuthTokens() {
    ActionResult result = routes(TOKEN).handle(request(ActionType.REVOKE_SESSIONS, "dana"));

    assertThat(result.detail())
        .isEqualTo("cleared the sessions and OAuth tokens of dana@example.com");
    okta.verify(
        1,
        deleteRequestedFor(urlPathEqualTo("/api/v1/users/00udana/sessions"))
            .withQueryParam("oauthTokens", equalTo("true")));
  }

  @Test
  void onlyTheFactorsEnrolledSinceTheIncidentWindowOpenedAreRemoved() {
    ActionResult result =
        routes(TOKEN)
            .handle(
                request(
                    ActionType.REMOVE_MFA,
                    "dana",
                    Map.of("registeredSince", "2026-12-01T00:00:00Z")));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail())
        .isEqualTo(
            "removed 2 factor(s) of dana@example.com since 2026-12-01T00:00:00Z:"
                + " [sms/OKTA, token:software:totp/GOOGLE]");
    okta.verify(1, deleteRequestedFor(urlPathEqualTo("/api/v1/users/00udana/factors/mbl-new-sms")));
    okta.verify(
        1, deleteRequestedFor(urlPathEqualTo("/api/v1/users/00udana/factors/ost-new-totp")));
    okta.verify(
        0, deleteRequestedFor(urlPathEqualTo("/api/v1/users/00udana/factors/opf-old-push")));
  }

  @Test
  void withoutAWindowEveryFactorIsRemovedAndNoneLeftIsUnchanged() {
    ActionResult all = routes(TOKEN).handle(request(ActionType.REMOVE_MFA, "dana"));
    ActionResult none = routes(TOKEN).handle(request(ActionType.REMOVE_MFA, "bare"));

    assertThat(all.detail()).startsWith("removed 3 factor(s) of dana@example.com at any time");
    okta.verify(3, deleteRequestedFor(urlPathMatching("/api/v1/users/00udana/factors/.*")));
    assertThat(none.status()).isEqualTo(ActionStatus.UNCHANGED);
  }

  @Test
  void aWindowThatIsNotAnInstantIsRejectedNamingTheParameter() {
    assertThatThrownBy(
            () ->
                routes(TOKEN)
                    .handle(
                        request(ActionType.REMOVE_MFA, "dana", Map.of("registeredSince", "today"))))
        .hasMessageContaining("registeredSince")
        .hasMessageContaining("'today'")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.REJECTED));
    okta.verify(0, deleteRequestedFor(urlPathMatching("/api/v1/users/.*/factors/.*")));
  }

  @Test
  void aWrongApiTokenIsUnauthorizedNotRetriedAndNotShown() {
    assertThatThrownBy(
            () ->
                routes("wrong-okta-token-0000").handle(request(ActionType.DISABLE_ACCOUNT, "dana")))
        .hasMessageNotContaining("wrong-okta-token-0000")
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED);
              assertThat(((ConnectorFailure) e).retryable()).isFalse();
            });
    assertThat(okta.getAllServeEvents()).hasSize(1);
  }

  @Test
  void aUserTheTokensAdminMayNotManageIsForbidden() {
    assertThatThrownBy(() -> routes(TOKEN).handle(request(ActionType.DISABLE_ACCOUNT, "boss")))
        .hasMessageContaining("E0000006")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.FORBIDDEN));
  }

  @Test
  void anUnknownLoginIsATypedNotFound() {
    assertThatThrownBy(() -> routes(TOKEN).handle(request(ActionType.DISABLE_ACCOUNT, "gone")))
        .hasMessageContaining("E0000007")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.NOT_FOUND));
  }

  @Test
  void aRateLimitIsWaitedOutUntilOktasResetTimeThenSucceeds() {
    ActionResult result = routes(TOKEN).handle(request(ActionType.DISABLE_ACCOUNT, "busy"));

    assertThat(result.detail()).isEqualTo("suspended busy@example.com (was ACTIVE)");
    okta.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/users/00ubusy/lifecycle/suspend")));
  }

  @Test
  void aServerErrorThenSuccessIsRetriedOnce() {
    ActionResult result = routes(TOKEN).handle(request(ActionType.DISABLE_ACCOUNT, "flaky"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    okta.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/users/00uflaky/lifecycle/suspend")));
  }

  @Test
  void anApiThatAnswersTooLateIsARetryableTimeoutAfterEveryAttempt() {
    assertThatThrownBy(() -> routes(TOKEN).handle(request(ActionType.DISABLE_ACCOUNT, "slow")))
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT);
              assertThat(((ConnectorFailure) e).retryable()).isTrue();
            });
    okta.verify(3, postRequestedFor(urlPathEqualTo("/api/v1/users/00uslow/lifecycle/suspend")));
  }

  @Test
  void lookupFindsASuspendedUserDoneAndLeavesAnActiveOneToBePerformed() {
    OktaIdentityRoutes routes = routes(TOKEN);

    assertThat(routes.lookup(request(ActionType.DISABLE_ACCOUNT, "sam")))
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(ActionStatus.DONE));
    assertThat(routes.lookup(request(ActionType.DISABLE_ACCOUNT, "dana"))).isEmpty();
    assertThat(routes.lookup(request(ActionType.ENABLE_ACCOUNT, "dana"))).isPresent();
    assertThat(routes.lookup(request(ActionType.REVOKE_SESSIONS, "dana"))).isEmpty();
  }

  @Test
  void aPendingSuspendIsCompletedThroughTheEngineProviderWithoutCallingTheLifecycleApi()
      throws Exception {
    PendingLedger ledger = new PendingLedger();
    try (RouteGroups groups = new RouteGroups(routes(TOKEN))) {
      ActionResult result =
          new LedgeredResponseActions(ledger, groups.provider())
              .perform(request(ActionType.DISABLE_ACCOUNT, "sam"));

      assertThat(result.repeated()).isTrue();
      assertThat(result.detail()).isEqualTo("sam@example.com found SUSPENDED on lookup");
    }
    assertThat(ledger.completions())
        .singleElement()
        .extracting("status")
        .isEqualTo(ActionStatus.DONE);
    okta.verify(0, postRequestedFor(urlPathMatching("/api/v1/users/.*/lifecycle/.*")));
  }

  @Test
  void aPendingActionWhoseLookupFailsIsPerformedAndItsFailureRecorded() throws Exception {
    PendingLedger ledger = new PendingLedger();
    try (RouteGroups groups = new RouteGroups(routes(TOKEN))) {
      LedgeredResponseActions actions = new LedgeredResponseActions(ledger, groups.provider());

      assertThatThrownBy(() -> actions.perform(request(ActionType.DISABLE_ACCOUNT, "gone")))
          .satisfies(
              e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.NOT_FOUND));
    }
    assertThat(ledger.completions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).isEqualTo(ActionStatus.FAILED);
              assertThat(c.detail()).contains("E0000007");
            });
    // Once for the lookup, once for the action itself.
    okta.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/users/gone@example.com")));
  }

  @Test
  void theHealthProbeReadsTheTokensOwnUser() {
    routes(TOKEN).probe();

    assertThatThrownBy(() -> routes("wrong-okta-token-0000").probe())
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
  }

  private static ActionRequest request(ActionType type, String name) {
    return request(type, name, Map.of());
  }

  private static ActionRequest request(ActionType type, String name, Map<String, Object> params) {
    return new ActionRequest("INC-OKTA", type, name + "@example.com", params);
  }

  private static OktaIdentityRoutes routes(String token) {
    return new OktaIdentityRoutes(
        new OktaSettings(
            URI.create(okta.baseUrl()),
            Secret.of(token),
            false,
            new PolicySettings(
                Duration.ofMillis(2500),
                3,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                Duration.ofSeconds(5),
                10,
                Duration.ofSeconds(30))),
        ACTIONS);
  }
}
