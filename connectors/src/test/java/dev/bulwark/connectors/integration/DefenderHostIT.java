package dev.bulwark.connectors.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.bulwark.connectors.defender.DefenderHostRoutes;
import dev.bulwark.connectors.defender.DefenderSettings;
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
 * Microsoft Defender for Endpoint isolation against WireMock stubs built from the Defender API
 * reference on learn.microsoft.com (one file per call under {@code
 * src/test/resources/defender/mappings}, each naming its source).
 */
class DefenderHostIT extends HostContainmentCases {

  private static final String SECRET = "defender-secret-41c7";

  @RegisterExtension
  static WireMockExtension defender =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("defender"))
          .build();

  @RegisterExtension static NoSecretsInLogs logs = new NoSecretsInLogs(SECRET);

  @Test
  void anIsolatedMachineIsNamedAndTheActionCarriesTheIncidentAndIsolationType() {
    DefenderHostRoutes routes = routes(SECRET);

    ActionResult isolated = routes.handle(request(ActionType.ISOLATE_HOST, "ws-ok"));

    assertThat(isolated.detail()).isEqualTo("isolated ws-ok (machine m-ws-ok)");
    defender.verify(
        postRequestedFor(urlPathEqualTo("/api/machines/m-ws-ok/isolate"))
            .withRequestBody(containing("\"Comment\":\"Bulwark incident INC-EDR: ISOLATE_HOST\""))
            .withRequestBody(containing("\"IsolationType\":\"Full\"")));
    routes.handle(request(ActionType.RELEASE_HOST, "ws-contained"));
    assertThat(routes.tokenFetches()).isEqualTo(1);
  }

  @Test
  void theLatestIsolationActionDecidesAndOtherActionsAreIgnored() {
    ActionResult result = routes(SECRET).handle(request(ActionType.ISOLATE_HOST, "ws-contained"));

    assertThat(result.detail()).isEqualTo("ws-contained was already isolated (Isolate Succeeded)");
  }

  @Test
  void aTokenTheApiKeepsRefusingIsUnauthorizedAfterOneFreshToken() {
    DefenderHostRoutes routes = routes(SECRET);

    assertThatThrownBy(() -> routes.handle(request(ActionType.ISOLATE_HOST, "ws-badtoken")))
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
    assertThat(routes.tokenFetches()).isEqualTo(2);
  }

  @Override
  WireMockExtension edr() {
    return defender;
  }

  @Override
  String secret() {
    return SECRET;
  }

  /** The Microsoft identity platform answers a wrong client secret with 401 invalid_client. */
  @Override
  FailureKind wrongCredentials() {
    return FailureKind.UNAUTHORIZED;
  }

  @Override
  RequestPatternBuilder actionCalls(boolean isolate, String host) {
    return postRequestedFor(
        urlPathEqualTo("/api/machines/m-" + host + "/" + (isolate ? "isolate" : "unisolate")));
  }

  @Override
  DefenderHostRoutes routes(String secret) {
    URI wiremock = URI.create(defender.baseUrl());
    return new DefenderHostRoutes(
        new DefenderSettings(
            wiremock,
            wiremock,
            "tenant-1",
            "bulwark-defender",
            Secret.of(secret),
            "Full",
            false,
            POLICY),
        EnumSet.of(ActionType.ISOLATE_HOST, ActionType.RELEASE_HOST));
  }
}
