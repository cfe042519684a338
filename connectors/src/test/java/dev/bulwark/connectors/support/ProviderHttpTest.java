package dev.bulwark.connectors.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How every HTTP provider turns answers into results or typed failures, against WireMock. */
class ProviderHttpTest {

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  // Generous: the first request to a cold WireMock can take a while.
  private final ProviderHttp http = new ProviderHttp("acme", Duration.ofSeconds(5));

  @Test
  void statusCodesBecomeTypedFailuresThatSayWhetherToRetry() {
    assertKind(401, FailureKind.UNAUTHORIZED, false);
    assertKind(403, FailureKind.FORBIDDEN, false);
    assertKind(404, FailureKind.NOT_FOUND, false);
    assertKind(400, FailureKind.REJECTED, false);
    assertKind(500, FailureKind.SERVER_ERROR, true);
    assertKind(503, FailureKind.SERVER_ERROR, true);
  }

  @Test
  void aRateLimitCarriesTheRetryAfterInSeconds() {
    api.stubFor(
        get("/limited").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));

    assertThatThrownBy(() -> http.send(http.request(uri("/limited")).GET().build(), "read"))
        .isInstanceOf(ConnectorFailure.class)
        .satisfies(
            e -> {
              ConnectorFailure failure = (ConnectorFailure) e;
              assertThat(failure.kind()).isEqualTo(FailureKind.RATE_LIMITED);
              assertThat(failure.retryAfter()).contains(Duration.ofSeconds(12));
            });
  }

  @Test
  void aRetryAfterGivenAsAnHttpDateIsTurnedIntoAWait() {
    String inTwoMinutes =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2));
    api.stubFor(
        get("/limited-date")
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", inTwoMinutes)));

    assertThatThrownBy(() -> http.send(http.request(uri("/limited-date")).GET().build(), "read"))
        .satisfies(
            e ->
                assertThat(((ConnectorFailure) e).retryAfter().orElseThrow())
                    .isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121)));
  }

  @Test
  void oktasRateLimitResetIsAWaitOnlyOnA429() {
    long inFiveSeconds = java.time.Instant.now().getEpochSecond() + 5;
    api.stubFor(
        get("/okta-limited")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("X-Rate-Limit-Reset", Long.toString(inFiveSeconds))));
    api.stubFor(
        get("/okta-broken")
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("X-Rate-Limit-Reset", Long.toString(inFiveSeconds))));

    assertThatThrownBy(() -> http.send(http.request(uri("/okta-limited")).GET().build(), "read"))
        .satisfies(
            e ->
                assertThat(((ConnectorFailure) e).retryAfter().orElseThrow())
                    .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5)));
    assertThatThrownBy(() -> http.send(http.request(uri("/okta-broken")).GET().build(), "read"))
        .satisfies(e -> assertThat(((ConnectorFailure) e).retryAfter()).isEmpty());
  }

  @Test
  void noAnswerWithinTheTimeoutIsARetryableTimeout() {
    api.stubFor(get("/slow").willReturn(okJson("{}").withFixedDelay(3000)));
    ProviderHttp impatient = new ProviderHttp("acme", Duration.ofMillis(500));

    assertThatThrownBy(() -> impatient.send(impatient.request(uri("/slow")).GET().build(), "read"))
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT);
              assertThat(((ConnectorFailure) e).retryable()).isTrue();
            });
  }

  @Test
  void underThePolicyA500ThenSuccessSucceedsWithOneRetry() {
    api.stubFor(
        get("/flaky")
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("recovered"));
    api.stubFor(
        get("/flaky")
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(okJson("{\"ok\":true}")));
    ConnectorPolicy policy =
        new ConnectorPolicy(
            "acme",
            new PolicySettings(
                Duration.ofMillis(500),
                3,
                Duration.ofMillis(10),
                Duration.ofMillis(20),
                Duration.ofSeconds(1),
                5,
                Duration.ofSeconds(30)));

    String body =
        policy.execute(
            "read", () -> http.send(http.request(uri("/flaky")).GET().build(), "read").body());

    assertThat(body).contains("ok");
    api.verify(2, getRequestedFor(urlEqualTo("/flaky")));
  }

  @Test
  void theClientCredentialsTokenIsCachedAndRefreshedOnceWhenTheProviderRefusesIt() {
    api.stubFor(
        post("/oauth2/token").willReturn(okJson("{\"access_token\":\"t1\",\"expires_in\":1799}")));
    api.stubFor(
        get("/resource")
            .withHeader("Authorization", equalTo("Bearer t1"))
            .willReturn(okJson("{}")));
    OAuth2ClientCredentials token =
        new OAuth2ClientCredentials(http, uri("/oauth2/token"), "id", Secret.of("s3cr3t"), null);

    for (int i = 0; i < 3; i++) {
      token.withToken(
          t ->
              http.send(
                  http.request(uri("/resource"))
                      .header("Authorization", "Bearer " + t)
                      .GET()
                      .build(),
                  "read"));
    }
    assertThat(token.fetches()).isEqualTo(1);

    api.stubFor(
        get("/resource")
            .withHeader("Authorization", equalTo("Bearer t1"))
            .willReturn(aResponse().withStatus(401)));
    api.stubFor(
        post("/oauth2/token").willReturn(okJson("{\"access_token\":\"t2\",\"expires_in\":1799}")));
    api.stubFor(
        get("/resource")
            .withHeader("Authorization", equalTo("Bearer t2"))
            .willReturn(okJson("{}")));

    token.withToken(
        t ->
            http.send(
                http.request(uri("/resource")).header("Authorization", "Bearer " + t).GET().build(),
                "read"));

    assertThat(token.fetches()).isEqualTo(2);
    api.verify(2, postRequestedFor(urlEqualTo("/oauth2/token")));
  }

  private void assertKind(int status, FailureKind kind, boolean retryable) {
    api.stubFor(
        get("/status-" + status)
            .willReturn(aResponse().withStatus(status).withBody("{\"error\":\"x\"}")));
    assertThatThrownBy(
            () -> http.send(http.request(uri("/status-" + status)).GET().build(), "read"))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageContaining("answered " + status)
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(kind);
              assertThat(((ConnectorFailure) e).retryable()).isEqualTo(retryable);
            });
  }

  private static URI uri(String path) {
    return URI.create(api.baseUrl() + path);
  }
}
