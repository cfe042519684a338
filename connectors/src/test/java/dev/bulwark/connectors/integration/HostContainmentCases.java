package dev.bulwark.connectors.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.HostContainmentRoutes;
import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.LedgeredResponseActions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cases every EDR's containment must pass, against WireMock stubs built from the vendor's API
 * reference. Each provider's stubs know the same hosts: {@code ws-ok} (released), {@code
 * ws-contained} (isolated), {@code ws-unknown}, {@code ws-noscope} (the action is forbidden),
 * {@code ws-busy} (429 once), {@code ws-flaky} (500 once) and {@code ws-slow} (answers too late).
 */
abstract class HostContainmentCases {

  /**
   * Short backoff so that the retry cases stay quick, three attempts as by default, and a timeout a
   * cold WireMock on a busy build machine still answers within (the slow stubs take 6 s).
   */
  static final PolicySettings POLICY =
      new PolicySettings(
          Duration.ofSeconds(3),
          3,
          Duration.ofMillis(50),
          Duration.ofMillis(200),
          Duration.ofSeconds(5),
          10,
          Duration.ofSeconds(30));

  /** The provider's stubs. */
  abstract WireMockExtension edr();

  /** The provider's route group with the credentials the stubs accept, or with others. */
  abstract HostContainmentRoutes routes(String secret);

  /** The secret the stubs accept. */
  abstract String secret();

  /** What the provider answers wrong credentials with: 401, or 403 where it says so. */
  abstract FailureKind wrongCredentials();

  /** The calls that isolate (or release) the given host. */
  abstract RequestPatternBuilder actionCalls(boolean isolate, String host);

  /** How the provider names an isolated host in details. */
  String isolatedWord() {
    return "isolated";
  }

  @Test
  void aHostIsIsolatedAndThenReleased() {
    HostContainmentRoutes routes = routes(secret());

    ActionResult isolated = routes.handle(request(ActionType.ISOLATE_HOST, "ws-ok"));
    ActionResult released = routes.handle(request(ActionType.RELEASE_HOST, "ws-contained"));

    assertThat(isolated.status()).isEqualTo(ActionStatus.DONE);
    assertThat(isolated.detail()).startsWith(isolatedWord() + " ws-ok (");
    assertThat(released.status()).isEqualTo(ActionStatus.DONE);
    assertThat(released.detail()).startsWith("released ws-contained (");
    edr().verify(1, actionCalls(true, "ws-ok"));
    edr().verify(1, actionCalls(false, "ws-contained"));
  }

  @Test
  void anAlreadyIsolatedHostIsNotIsolatedAgain() {
    ActionResult result = routes(secret()).handle(request(ActionType.ISOLATE_HOST, "ws-contained"));

    assertThat(result.status()).isEqualTo(ActionStatus.UNCHANGED);
    assertThat(result.detail()).startsWith("ws-contained was already " + isolatedWord() + " (");
    edr().verify(0, actionCalls(true, "ws-contained"));
  }

  @Test
  void anAlreadyReleasedHostIsNotReleasedAgain() {
    ActionResult result = routes(secret()).handle(request(ActionType.RELEASE_HOST, "ws-ok"));

    assertThat(result.status()).isEqualTo(ActionStatus.UNCHANGED);
    assertThat(result.detail()).startsWith("ws-ok was already released (");
    edr().verify(0, actionCalls(false, "ws-ok"));
  }

  @Test
  void aRetryAfterANodeDiedWhileIsolatingAsksTheHostBeforeIsolatingAgain() throws Exception {
    PendingLedger ledger = new PendingLedger();
    try (RouteGroups camel = new RouteGroups(routes(secret()))) {
      LedgeredResponseActions actions = new LedgeredResponseActions(ledger, camel.provider());

      ActionResult tookEffect = actions.perform(request(ActionType.ISOLATE_HOST, "ws-contained"));
      ActionResult neverArrived = actions.perform(request(ActionType.ISOLATE_HOST, "ws-ok"));

      assertThat(tookEffect.status()).isEqualTo(ActionStatus.DONE);
      assertThat(tookEffect.repeated()).isTrue();
      assertThat(tookEffect.detail())
          .startsWith("ws-contained found " + isolatedWord())
          .endsWith("after an interrupted attempt");
      assertThat(neverArrived.status()).isEqualTo(ActionStatus.DONE);
      assertThat(neverArrived.repeated()).isFalse();
    }
    assertThat(ledger.completed())
        .containsExactly(
            "INC-EDR:ISOLATE_HOST:ws-contained DONE", "INC-EDR:ISOLATE_HOST:ws-ok DONE");
    edr().verify(0, actionCalls(true, "ws-contained"));
    edr().verify(1, actionCalls(true, "ws-ok"));
  }

  @Test
  void wrongCredentialsAreATypedFailureThatNeverShowsTheSecret() {
    assertThatThrownBy(
            () -> routes("wrong-secret-0000").handle(request(ActionType.ISOLATE_HOST, "ws-ok")))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageNotContaining("wrong-secret-0000")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(wrongCredentials()));
    edr().verify(0, actionCalls(true, "ws-ok"));
  }

  @Test
  void theHealthProbeWorksWithTheRightCredentialsOnly() {
    routes(secret()).probe();

    assertThatThrownBy(() -> routes("wrong-secret-0000").probe())
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageNotContaining("wrong-secret-0000");
  }

  @Test
  void credentialsWithoutThePermissionToIsolateAreForbidden() {
    assertThatThrownBy(
            () -> routes(secret()).handle(request(ActionType.ISOLATE_HOST, "ws-noscope")))
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.FORBIDDEN);
              assertThat(((ConnectorFailure) e).retryable()).isFalse();
            });
    edr().verify(1, actionCalls(true, "ws-noscope"));
  }

  @Test
  void anUnknownHostIsATypedNotFound() {
    assertThatThrownBy(
            () -> routes(secret()).handle(request(ActionType.ISOLATE_HOST, "ws-unknown")))
        .hasMessageContaining("ws-unknown")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.NOT_FOUND));
  }

  @Test
  void aRateLimitIsWaitedOutAsTheRetryHeaderSaysThenSucceeds() {
    ActionResult result = routes(secret()).handle(request(ActionType.ISOLATE_HOST, "ws-busy"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail()).startsWith(isolatedWord() + " ws-busy");
    edr().verify(2, actionCalls(true, "ws-busy"));
  }

  @Test
  void aServerErrorThenSuccessIsRetriedOnce() {
    ActionResult result = routes(secret()).handle(request(ActionType.ISOLATE_HOST, "ws-flaky"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail()).startsWith(isolatedWord() + " ws-flaky");
    edr().verify(2, actionCalls(true, "ws-flaky"));
  }

  @Test
  void anApiThatAnswersTooLateIsARetryableTimeoutAfterEveryAttempt() {
    assertThatThrownBy(() -> routes(secret()).handle(request(ActionType.ISOLATE_HOST, "ws-slow")))
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT);
              assertThat(((ConnectorFailure) e).retryable()).isTrue();
            });
    edr().verify(3, actionCalls(true, "ws-slow"));
  }

  static ActionRequest request(ActionType type, String host) {
    return new ActionRequest("INC-EDR", type, host, Map.of());
  }
}
