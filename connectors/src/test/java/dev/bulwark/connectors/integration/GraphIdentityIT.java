package dev.bulwark.connectors.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.bulwark.connectors.graph.GraphIdentityRoutes;
import dev.bulwark.connectors.graph.GraphSettings;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
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
 * Microsoft Entra ID through Graph against WireMock stubs built from the Microsoft Graph v1.0 and
 * identity platform references (one file per call under {@code src/test/resources/graph/mappings},
 * each naming its source). One WireMock serves both the login and the Graph host.
 */
class GraphIdentityIT {

  private static final String SECRET = "graph-secret-3a7c";
  private static final EnumSet<ActionType> ACTIONS =
      EnumSet.of(
          ActionType.DISABLE_ACCOUNT,
          ActionType.ENABLE_ACCOUNT,
          ActionType.REVOKE_SESSIONS,
          ActionType.REMOVE_MFA);

  @RegisterExtension
  static WireMockExtension graph =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("graph"))
          .build();

  @RegisterExtension static NoSecretsInLogs logs = new NoSecretsInLogs(SECRET);

  /** The first answer of a cold WireMock on a busy machine can outlast the connector's timeout. */
  @BeforeAll
  static void warmUp() throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(graph.baseUrl() + "/v1.0/users/nobody")).build(),
            HttpResponse.BodyHandlers.discarding());
  }

  @Test
  void anEnabledUserIsBlockedFromSigningInWithOneCachedToken() {
    GraphIdentityRoutes routes = routes(SECRET);

    ActionResult result = routes.handle(request(ActionType.DISABLE_ACCOUNT, "dana"));
    routes.handle(request(ActionType.REVOKE_SESSIONS, "dana"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail()).isEqualTo("disabled dana@contoso.com (accountEnabled false)");
    graph.verify(
        1,
        patchRequestedFor(urlPathEqualTo("/v1.0/users/u-dana"))
            .withHeader("Authorization", equalTo("Bearer graph-token-1"))
            .withRequestBody(equalToJson("{\"accountEnabled\": false}")));
    assertThat(routes.tokenFetches()).isEqualTo(1);
  }

  @Test
  void aBlockedUserIsEnabledAgain() {
    ActionResult result = routes(SECRET).handle(request(ActionType.ENABLE_ACCOUNT, "blocked"));

    assertThat(result.detail()).isEqualTo("enabled blocked@contoso.com (accountEnabled true)");
    graph.verify(
        1,
        patchRequestedFor(urlPathEqualTo("/v1.0/users/u-blocked"))
            .withRequestBody(equalToJson("{\"accountEnabled\": true}")));
  }

  @Test
  void anAlreadyBlockedUserIsNotPatchedAgain() {
    ActionResult result = routes(SECRET).handle(request(ActionType.DISABLE_ACCOUNT, "blocked"));

    assertThat(result.status()).isEqualTo(ActionStatus.UNCHANGED);
    assertThat(result.detail()).isEqualTo("blocked@contoso.com was already disabled");
    graph.verify(0, patchRequestedFor(urlPathMatching("/v1\\.0/users/.*")));
  }

  @Test
  void revokingSessionsCallsRevokeSignInSessions() {
    ActionResult result = routes(SECRET).handle(request(ActionType.REVOKE_SESSIONS, "dana"));

    assertThat(result.detail())
        .isEqualTo("revoked the sign-in sessions and refresh tokens of dana@contoso.com");
    graph.verify(1, postRequestedFor(urlPathEqualTo("/v1.0/users/u-dana/revokeSignInSessions")));
  }

  @Test
  void methodsRegisteredSinceTheWindowOrAtAnUnknownTimeAreRemovedButNeverThePassword() {
    ActionResult result =
        routes(SECRET)
            .handle(
                request(
                    ActionType.REMOVE_MFA,
                    "dana",
                    Map.of("registeredSince", "2026-12-01T00:00:00Z")));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail())
        .isEqualTo(
            "removed 2 method(s) of dana@contoso.com since 2026-12-01T00:00:00Z:"
                + " [phoneMethods, fido2Methods]"
                + " (not removable: [passwordAuthenticationMethod])");
    graph.verify(
        1,
        deleteRequestedFor(
            urlPathEqualTo(
                "/v1.0/users/u-dana/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7")));
    graph.verify(
        1,
        deleteRequestedFor(
            urlPathEqualTo("/v1.0/users/u-dana/authentication/fido2Methods/fido-new")));
    graph.verify(2, deleteRequestedFor(urlPathMatching("/v1\\.0/users/u-dana/authentication/.*")));
  }

  @Test
  void withoutAWindowEveryRemovableMethodGoesAndAPasswordOnlyUserIsUnchanged() {
    ActionResult all = routes(SECRET).handle(request(ActionType.REMOVE_MFA, "dana"));
    ActionResult bare = routes(SECRET).handle(request(ActionType.REMOVE_MFA, "bare"));

    assertThat(all.detail()).startsWith("removed 3 method(s) of dana@contoso.com at any time");
    graph.verify(
        1,
        deleteRequestedFor(
            urlPathEqualTo(
                "/v1.0/users/u-dana/authentication/microsoftAuthenticatorMethods/ma-old")));
    assertThat(bare.status()).isEqualTo(ActionStatus.UNCHANGED);
    assertThat(bare.detail()).contains("not removable: [passwordAuthenticationMethod]");
  }

  @Test
  void aWrongClientSecretIsUnauthorizedAtTheTokenEndpointAndNotShown() {
    assertThatThrownBy(
            () ->
                routes("wrong-graph-secret-00").handle(request(ActionType.DISABLE_ACCOUNT, "dana")))
        .hasMessageContaining("AADSTS7000215")
        .hasMessageNotContaining("wrong-graph-secret-00")
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED);
              assertThat(((ConnectorFailure) e).retryable()).isFalse();
            });
  }

  @Test
  void aTokenGraphKeepsRefusingIsUnauthorizedAfterOneFreshToken() {
    GraphIdentityRoutes routes = routes(SECRET);

    assertThatThrownBy(() -> routes.handle(request(ActionType.DISABLE_ACCOUNT, "expired")))
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
    assertThat(routes.tokenFetches()).isEqualTo(2);
  }

  @Test
  void anAppWithoutThePermissionIsForbidden() {
    assertThatThrownBy(() -> routes(SECRET).handle(request(ActionType.DISABLE_ACCOUNT, "boss")))
        .hasMessageContaining("Authorization_RequestDenied")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.FORBIDDEN));
  }

  @Test
  void anUnknownUserIsATypedNotFound() {
    assertThatThrownBy(() -> routes(SECRET).handle(request(ActionType.DISABLE_ACCOUNT, "gone")))
        .hasMessageContaining("Request_ResourceNotFound")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.NOT_FOUND));
  }

  @Test
  void throttlingIsWaitedOutAsRetryAfterSaysThenSucceeds() {
    ActionResult result = routes(SECRET).handle(request(ActionType.DISABLE_ACCOUNT, "busy"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    graph.verify(2, patchRequestedFor(urlPathEqualTo("/v1.0/users/u-busy")));
    var patches = graph.findAll(patchRequestedFor(urlPathEqualTo("/v1.0/users/u-busy")));
    assertThat(
            Duration.between(
                patches.get(0).getLoggedDate().toInstant(),
                patches.get(1).getLoggedDate().toInstant()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
  }

  @Test
  void aServerErrorThenSuccessIsRetriedOnce() {
    ActionResult result = routes(SECRET).handle(request(ActionType.DISABLE_ACCOUNT, "flaky"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    graph.verify(2, patchRequestedFor(urlPathEqualTo("/v1.0/users/u-flaky")));
  }

  @Test
  void anApiThatAnswersTooLateIsARetryableTimeoutAfterEveryAttempt() {
    assertThatThrownBy(() -> routes(SECRET).handle(request(ActionType.DISABLE_ACCOUNT, "slow")))
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT);
              assertThat(((ConnectorFailure) e).retryable()).isTrue();
            });
    graph.verify(3, patchRequestedFor(urlPathEqualTo("/v1.0/users/u-slow")));
  }

  @Test
  void lookupFindsABlockedUserDoneAndLeavesAnEnabledOneToBePerformed() {
    GraphIdentityRoutes routes = routes(SECRET);

    assertThat(routes.lookup(request(ActionType.DISABLE_ACCOUNT, "blocked")))
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(ActionStatus.DONE));
    assertThat(routes.lookup(request(ActionType.DISABLE_ACCOUNT, "dana"))).isEmpty();
    assertThat(routes.lookup(request(ActionType.REMOVE_MFA, "dana"))).isEmpty();
  }

  @Test
  void theHealthProbeFetchesATokenAndFailsOnAWrongSecret() {
    GraphIdentityRoutes routes = routes(SECRET);

    routes.probe();

    assertThat(routes.tokenFetches()).isEqualTo(1);
    assertThatThrownBy(() -> routes("wrong-graph-secret-00").probe())
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
  }

  private static ActionRequest request(ActionType type, String name) {
    return request(type, name, Map.of());
  }

  private static ActionRequest request(ActionType type, String name, Map<String, Object> params) {
    return new ActionRequest("INC-GRAPH", type, name + "@contoso.com", params);
  }

  private static GraphIdentityRoutes routes(String secret) {
    URI wiremock = URI.create(graph.baseUrl());
    return new GraphIdentityRoutes(
        new GraphSettings(
            wiremock,
            wiremock,
            "contoso-tenant",
            "bulwark-graph-app",
            Secret.of(secret),
            null,
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
