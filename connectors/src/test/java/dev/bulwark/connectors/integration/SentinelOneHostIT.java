package dev.bulwark.connectors.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.bulwark.connectors.sentinelone.SentinelOneHostRoutes;
import dev.bulwark.connectors.sentinelone.SentinelOneSettings;
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
 * SentinelOne network quarantine against WireMock stubs built from the SentinelOne management API
 * v2.1 reference (one file per call under {@code src/test/resources/sentinelone/mappings}, each
 * naming its source).
 */
class SentinelOneHostIT extends HostContainmentCases {

  private static final String TOKEN = "s1-token-5e0b";

  @RegisterExtension
  static WireMockExtension sentinelOne =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().usingFilesUnderClasspath("sentinelone"))
          .build();

  @RegisterExtension static NoSecretsInLogs logs = new NoSecretsInLogs(TOKEN);

  @Test
  void aDisconnectedHostNamesItsAgent() {
    ActionResult result = routes(TOKEN).handle(request(ActionType.ISOLATE_HOST, "ws-ok"));

    assertThat(result.detail()).isEqualTo("disconnected ws-ok (agent s1-ws-ok)");
  }

  @Test
  void anAgentTheActionNoLongerMatchesIsNotFoundRatherThanDone() {
    assertThatThrownBy(() -> routes(TOKEN).handle(request(ActionType.ISOLATE_HOST, "ws-gone")))
        .hasMessageContaining("affected no agent with id s1-ws-gone")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.NOT_FOUND));
  }

  @Override
  WireMockExtension edr() {
    return sentinelOne;
  }

  @Override
  String secret() {
    return TOKEN;
  }

  @Override
  FailureKind wrongCredentials() {
    return FailureKind.UNAUTHORIZED;
  }

  @Override
  String isolatedWord() {
    return "disconnected";
  }

  @Override
  RequestPatternBuilder actionCalls(boolean isolate, String host) {
    return postRequestedFor(
            urlPathEqualTo("/web/api/v2.1/agents/actions/" + (isolate ? "disconnect" : "connect")))
        .withRequestBody(matchingJsonPath("$.filter.ids[?(@ == 's1-" + host + "')]"));
  }

  @Override
  SentinelOneHostRoutes routes(String token) {
    return new SentinelOneHostRoutes(
        new SentinelOneSettings(URI.create(sentinelOne.baseUrl()), Secret.of(token), false, POLICY),
        EnumSet.of(ActionType.ISOLATE_HOST, ActionType.RELEASE_HOST));
  }
}
