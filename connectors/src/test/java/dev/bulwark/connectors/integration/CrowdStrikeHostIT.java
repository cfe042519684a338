package dev.bulwark.connectors.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.bulwark.connectors.crowdstrike.CrowdStrikeHostRoutes;
import dev.bulwark.connectors.crowdstrike.CrowdStrikeSettings;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CrowdStrike Falcon containment against WireMock stubs built from the Falcon API reference (one
 * file per call under {@code src/test/resources/crowdstrike/mappings}, each naming its source).
 */
class CrowdStrikeHostIT {

  private static final String SECRET = "falcon-secret-9d2f";

  @RegisterExtension
  static WireMockExtension falcon =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("crowdstrike"))
          .build();

  @RegisterExtension static NoSecretsInLogs logs = new NoSecretsInLogs(SECRET);

  @Test
  void aHostIsContainedAndThenReleased() {
    CrowdStrikeHostRoutes routes = routes(SECRET);

    ActionResult contained = routes.handle(request(ActionType.ISOLATE_HOST, "ws-ok"));
    assertThat(contained.status()).isEqualTo(ActionStatus.DONE);
    assertThat(contained.detail()).isEqualTo("contained ws-ok (device d-ws-ok)");

    ActionResult released = routes.handle(request(ActionType.RELEASE_HOST, "ws-contained"));
    assertThat(released.detail())
        .isEqualTo("lifted containment of ws-contained (device d-ws-contained)");
    assertThat(routes.tokenFetches()).isEqualTo(1);
  }

  @Test
  void anAlreadyContainedHostIsNotContainedAgain() {
    ActionResult result = routes(SECRET).handle(request(ActionType.ISOLATE_HOST, "ws-contained"));

    assertThat(result.status()).isEqualTo(ActionStatus.UNCHANGED);
    assertThat(result.detail()).isEqualTo("ws-contained was already contained (contained)");
    falcon.verify(0, postRequestedFor(urlPathEqualTo("/devices/entities/devices-actions/v2")));
  }

  @Test
  void aLookupTellsWhetherTheHostIsInTheAskedStateWithoutActing() {
    CrowdStrikeHostRoutes routes = routes(SECRET);

    assertThat(routes.lookup(request(ActionType.ISOLATE_HOST, "ws-contained")))
        .hasValueSatisfying(
            r -> {
              assertThat(r.status()).isEqualTo(ActionStatus.DONE);
              assertThat(r.detail())
                  .isEqualTo(
                      "contained ws-contained (device d-ws-contained, found contained after a"
                          + " restart)");
            });
    assertThat(routes.lookup(request(ActionType.ISOLATE_HOST, "ws-ok"))).isEmpty();
    falcon.verify(0, postRequestedFor(urlPathEqualTo("/devices/entities/devices-actions/v2")));
  }

  @Test
  void wrongCredentialsAreForbiddenAtTheTokenEndpointAndNotRetried() {
    assertThatThrownBy(
            () -> routes("wrong-secret-0000").handle(request(ActionType.ISOLATE_HOST, "ws-ok")))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageNotContaining("wrong-secret-0000")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.FORBIDDEN));
  }

  @Test
  void aTokenTheApiKeepsRefusingIsUnauthorizedAfterOneFreshToken() {
    CrowdStrikeHostRoutes routes = routes(SECRET);

    assertThatThrownBy(() -> routes.handle(request(ActionType.ISOLATE_HOST, "ws-badtoken")))
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
    assertThat(routes.tokenFetches()).isEqualTo(2);
  }

  @Test
  void aClientWithoutTheHostsWriteScopeIsForbidden() {
    assertThatThrownBy(() -> routes(SECRET).handle(request(ActionType.ISOLATE_HOST, "ws-noscope")))
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.FORBIDDEN);
              assertThat(e).hasMessageContaining("authorization failed");
            });
  }

  @Test
  void anUnknownHostIsATypedNotFound() {
    assertThatThrownBy(() -> routes(SECRET).handle(request(ActionType.ISOLATE_HOST, "ws-unknown")))
        .hasMessageContaining("no Falcon host named ws-unknown")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.NOT_FOUND));
  }

  @Test
  void aRateLimitIsWaitedOutAsFalconsRetryAfterHeaderSaysThenSucceeds() {
    ActionResult result = routes(SECRET).handle(request(ActionType.ISOLATE_HOST, "ws-busy"));

    assertThat(result.detail()).startsWith("contained ws-busy");
    falcon.verify(2, postRequestedFor(urlPathEqualTo("/devices/entities/devices-actions/v2")));
  }

  @Test
  void aServerErrorThenSuccessIsRetriedOnce() {
    ActionResult result = routes(SECRET).handle(request(ActionType.ISOLATE_HOST, "ws-flaky"));

    assertThat(result.detail()).startsWith("contained ws-flaky");
    falcon.verify(2, postRequestedFor(urlPathEqualTo("/devices/entities/devices-actions/v2")));
  }

  @Test
  void anApiThatAnswersTooLateIsARetryableTimeoutAfterEveryAttempt() {
    assertThatThrownBy(() -> routes(SECRET).handle(request(ActionType.ISOLATE_HOST, "ws-slow")))
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT);
              assertThat(((ConnectorFailure) e).retryable()).isTrue();
            });
    falcon.verify(3, postRequestedFor(urlPathEqualTo("/devices/entities/devices-actions/v2")));
  }

  private static ActionRequest request(ActionType type, String host) {
    return new ActionRequest("INC-CS", type, host, Map.of());
  }

  private static CrowdStrikeHostRoutes routes(String secret) {
    return new CrowdStrikeHostRoutes(
        new CrowdStrikeSettings(
            URI.create(falcon.baseUrl()),
            "bulwark-falcon",
            Secret.of(secret),
            false,
            new PolicySettings(
                Duration.ofMillis(1500),
                3,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                Duration.ofSeconds(5),
                10,
                Duration.ofSeconds(30))),
        EnumSet.of(ActionType.ISOLATE_HOST, ActionType.RELEASE_HOST));
  }
}
