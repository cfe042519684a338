package dev.bulwark.connectors.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.bulwark.connectors.elastic.ElasticDefendHostRoutes;
import dev.bulwark.connectors.elastic.ElasticDefendSettings;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import java.net.URI;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Elastic Defend isolation through Kibana against WireMock stubs built from the Kibana Security API
 * reference (one file per call under {@code src/test/resources/elastic-defend/mappings}, each
 * naming its source).
 */
class ElasticDefendHostIT extends HostContainmentCases {

  private static final String API_KEY = "ZWxhc3RpYy1kZWZlbmQ6a2V5LTdhMjE=";

  @RegisterExtension
  static WireMockExtension kibana =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("elastic-defend"))
          .build();

  @RegisterExtension static NoSecretsInLogs logs = new NoSecretsInLogs(API_KEY);

  @Test
  void anIsolatedEndpointIsNamedAndTheActionCarriesTheIncident() {
    ActionResult result = routes(API_KEY).handle(request(ActionType.ISOLATE_HOST, "ws-ok"));

    assertThat(result.detail()).isEqualTo("isolated ws-ok (endpoint e-ws-ok)");
    kibana.verify(
        postRequestedFor(urlPathEqualTo("/api/endpoint/action/isolate"))
            .withHeader("kbn-xsrf", equalTo("true"))
            .withRequestBody(
                matchingJsonPath("$.comment", equalTo("Bulwark incident INC-EDR: ISOLATE_HOST"))));
  }

  @Test
  void anEndpointToldToIsolateButNotYetReportingItIsNotToldAgain() {
    ActionResult result = routes(API_KEY).handle(request(ActionType.ISOLATE_HOST, "ws-isolating"));

    assertThat(result.status()).isEqualTo(ActionStatus.UNCHANGED);
    assertThat(result.detail())
        .isEqualTo(
            "ws-isolating was already isolated"
                + " (state.isolation=false, configuration.isolation=true)");
    kibana.verify(0, actionCalls(true, "ws-isolating"));
  }

  @Override
  WireMockExtension edr() {
    return kibana;
  }

  @Override
  String secret() {
    return API_KEY;
  }

  @Override
  FailureKind wrongCredentials() {
    return FailureKind.UNAUTHORIZED;
  }

  @Override
  RequestPatternBuilder actionCalls(boolean isolate, String host) {
    return postRequestedFor(
            urlPathEqualTo("/api/endpoint/action/" + (isolate ? "isolate" : "unisolate")))
        .withRequestBody(matchingJsonPath("$.endpoint_ids[?(@ == 'e-" + host + "')]"));
  }

  @Override
  ElasticDefendHostRoutes routes(String apiKey) {
    return new ElasticDefendHostRoutes(
        new ElasticDefendSettings(URI.create(kibana.baseUrl()), Secret.of(apiKey), false, POLICY),
        EnumSet.of(ActionType.ISOLATE_HOST, ActionType.RELEASE_HOST));
  }
}
