package dev.bulwark.connectors.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.bulwark.connectors.crowdstrike.CrowdStrikeHostRoutes;
import dev.bulwark.connectors.crowdstrike.CrowdStrikeSettings;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.net.URI;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CrowdStrike Falcon containment against WireMock stubs built from the Falcon API reference (one
 * file per call under {@code src/test/resources/crowdstrike/mappings}, each naming its source).
 */
class CrowdStrikeHostIT extends HostContainmentCases {

  private static final String SECRET = "falcon-secret-9d2f";

  @RegisterExtension
  static WireMockExtension falcon =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("crowdstrike"))
          .build();

  @RegisterExtension static NoSecretsInLogs logs = new NoSecretsInLogs(SECRET);

  @Test
  void aContainedHostNamesItsDeviceAndOneTokenServesBothCalls() {
    CrowdStrikeHostRoutes routes = routes(SECRET);

    ActionResult contained = routes.handle(request(ActionType.ISOLATE_HOST, "ws-ok"));
    ActionResult released = routes.handle(request(ActionType.RELEASE_HOST, "ws-contained"));

    assertThat(contained.detail()).isEqualTo("contained ws-ok (device d-ws-ok)");
    assertThat(released.detail()).isEqualTo("released ws-contained (device d-ws-contained)");
    assertThat(routes.tokenFetches()).isEqualTo(1);
  }

  @Test
  void aTokenTheApiKeepsRefusingIsUnauthorizedAfterOneFreshToken() {
    CrowdStrikeHostRoutes routes = routes(SECRET);

    assertThatThrownBy(() -> routes.handle(request(ActionType.ISOLATE_HOST, "ws-badtoken")))
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
    assertThat(routes.tokenFetches()).isEqualTo(2);
  }

  @Override
  WireMockExtension edr() {
    return falcon;
  }

  @Override
  String secret() {
    return SECRET;
  }

  /** Falcon answers wrong client credentials with 403 at its token endpoint. */
  @Override
  FailureKind wrongCredentials() {
    return FailureKind.FORBIDDEN;
  }

  @Override
  String isolatedWord() {
    return "contained";
  }

  @Override
  RequestPatternBuilder actionCalls(boolean isolate, String host) {
    return postRequestedFor(urlPathEqualTo("/devices/entities/devices-actions/v2"))
        .withQueryParam("action_name", equalTo(isolate ? "contain" : "lift_containment"))
        .withRequestBody(containing("\"d-" + host + "\""));
  }

  @Override
  CrowdStrikeHostRoutes routes(String secret) {
    return new CrowdStrikeHostRoutes(
        new CrowdStrikeSettings(
            URI.create(falcon.baseUrl()), "bulwark-falcon", Secret.of(secret), false, POLICY),
        EnumSet.of(ActionType.ISOLATE_HOST, ActionType.RELEASE_HOST));
  }
}
