package dev.bulwark.connectors.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.connectors.CamelActionProvider;
import dev.bulwark.connectors.keycloak.KeycloakIdentityRoutes;
import dev.bulwark.connectors.keycloak.KeycloakSettings;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.LedgeredResponseActions;
import dev.bulwark.testkit.KeycloakServer;
import dev.bulwark.testkit.KeycloakServer.Tokens;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Keycloak route group against a real Keycloak started by the testkit. */
class KeycloakIdentityIT {

  private static final String REALM = "bulwark-connectors";
  private static final String SECRET = "kc-connector-secret-7f3a9c";
  private static final String APP = "app";
  private static final EnumSet<ActionType> ACTIONS =
      EnumSet.of(ActionType.DISABLE_ACCOUNT, ActionType.ENABLE_ACCOUNT, ActionType.REVOKE_SESSIONS);

  @RegisterExtension static NoSecretsInLogs logs = new NoSecretsInLogs(SECRET);

  private static KeycloakServer keycloak;
  private static KeycloakIdentityRoutes routes;
  private static RouteGroups groups;

  @BeforeAll
  static void realm() throws Exception {
    keycloak = KeycloakServer.shared();
    keycloak.createRealm(REALM);
    keycloak.createPublicClient(REALM, APP);
    keycloak.createConfidentialClient(REALM, "bulwark", SECRET, "view-users", "manage-users");
    keycloak.createConfidentialClient(REALM, "bulwark-readonly", SECRET, "view-users");
    routes = new KeycloakIdentityRoutes(settings("bulwark", SECRET, false), ACTIONS);
    groups = new RouteGroups(routes);
  }

  @AfterAll
  static void stopRoutes() {
    groups.close();
  }

  @Test
  void aDisabledUserLosesTheirRefreshTokenAndCannotLogInAgain() {
    keycloak.createUser(REALM, "dana", "dana-pw");
    Tokens tokens = keycloak.passwordGrant(REALM, APP, "dana", "dana-pw");

    ActionResult result = perform(ActionType.DISABLE_ACCOUNT, "dana", Map.of());

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail()).startsWith("disabled dana");
    assertThat(keycloak.tryRefresh(REALM, APP, tokens.refreshToken()).statusCode()).isEqualTo(400);
    var login = keycloak.tryPasswordGrant(REALM, APP, "dana", "dana-pw");
    assertThat(login.statusCode()).isEqualTo(400);
    assertThat(login.body()).contains("invalid_grant");
    assertThat(keycloak.user(REALM, keycloak.userId(REALM, "dana")).get("enabled").asBoolean())
        .isFalse();
  }

  @Test
  void enablingTheUserAgainRestoresTheirLogin() {
    keycloak.createUser(REALM, "erin", "erin-pw");
    perform(ActionType.DISABLE_ACCOUNT, "erin", Map.of());

    ActionResult result = perform(ActionType.ENABLE_ACCOUNT, "erin", Map.of());

    assertThat(result.detail()).startsWith("enabled erin");
    assertThat(keycloak.tryPasswordGrant(REALM, APP, "erin", "erin-pw").statusCode())
        .isEqualTo(200);
  }

  @Test
  void disablingAnAlreadyDisabledUserChangesNothingAndSaysSo() {
    keycloak.createUser(REALM, "fay", "fay-pw");
    perform(ActionType.DISABLE_ACCOUNT, "fay", Map.of());

    ActionResult again = perform(ActionType.DISABLE_ACCOUNT, "fay", Map.of());

    assertThat(again.status()).isEqualTo(ActionStatus.UNCHANGED);
    assertThat(again.detail()).contains("was already disabled");
  }

  @Test
  void revokingSessionsKillsTheRefreshTokenButLeavesTheAccountUsable() {
    keycloak.createUser(REALM, "gus", "gus-pw");
    Tokens stolen = keycloak.passwordGrant(REALM, APP, "gus", "gus-pw");

    ActionResult result =
        perform(
            ActionType.REVOKE_SESSIONS,
            "gus",
            Map.of(
                "token",
                stolen.refreshToken(),
                "tokenTypeHint",
                "refresh_token",
                "tokenClientId",
                APP));

    assertThat(result.detail()).contains("ended 1 session(s) of gus").contains("RFC 7009");
    var refresh = keycloak.tryRefresh(REALM, APP, stolen.refreshToken());
    assertThat(refresh.statusCode()).isEqualTo(400);
    assertThat(refresh.body()).contains("invalid_grant");
    assertThat(keycloak.tryPasswordGrant(REALM, APP, "gus", "gus-pw").statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownUserIsATypedNotFoundThatTheEngineDoesNotRetry() {
    assertThatThrownBy(() -> perform(ActionType.DISABLE_ACCOUNT, "nobody-here", Map.of()))
        .isInstanceOf(ConnectorFailure.class)
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.NOT_FOUND);
              assertThat(((ConnectorFailure) e).retryable()).isFalse();
            })
        .hasMessageContaining("nobody-here");
  }

  @Test
  void aWrongClientSecretIsUnauthorizedAndTheMessageDoesNotShowIt() throws Exception {
    KeycloakIdentityRoutes wrong =
        new KeycloakIdentityRoutes(settings("bulwark", "not-the-secret-d41d8", false), ACTIONS);

    assertThatThrownBy(() -> wrong.handle(request(ActionType.DISABLE_ACCOUNT, "dana", Map.of())))
        .isInstanceOf(ConnectorFailure.class)
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED))
        .hasMessageNotContaining("not-the-secret-d41d8");
  }

  @Test
  void aServiceAccountWithoutManageUsersIsForbiddenAndTheUserStaysEnabled() {
    keycloak.createUser(REALM, "hal", "hal-pw");
    KeycloakIdentityRoutes readOnly =
        new KeycloakIdentityRoutes(settings("bulwark-readonly", SECRET, false), ACTIONS);

    assertThatThrownBy(() -> readOnly.handle(request(ActionType.DISABLE_ACCOUNT, "hal", Map.of())))
        .isInstanceOf(ConnectorFailure.class)
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.FORBIDDEN));
    assertThat(keycloak.tryPasswordGrant(REALM, APP, "hal", "hal-pw").statusCode()).isEqualTo(200);
  }

  @Test
  void theServiceAccountTokenIsFetchedOnceAndReused() {
    keycloak.createUser(REALM, "ivy", "ivy-pw");
    KeycloakIdentityRoutes fresh =
        new KeycloakIdentityRoutes(settings("bulwark", SECRET, false), ACTIONS);

    fresh.handle(request(ActionType.DISABLE_ACCOUNT, "ivy", Map.of()));
    fresh.handle(request(ActionType.ENABLE_ACCOUNT, "ivy", Map.of()));
    fresh.handle(request(ActionType.REVOKE_SESSIONS, "ivy", Map.of()));

    assertThat(fresh.tokenFetches()).isEqualTo(1);
  }

  @Test
  void dryRunReportsWhatItWouldDoAndLeavesTheUserAlone() {
    keycloak.createUser(REALM, "joan", "joan-pw");
    KeycloakIdentityRoutes dryRun =
        new KeycloakIdentityRoutes(settings("bulwark", SECRET, true), ACTIONS);

    ActionResult result = dryRun.handle(request(ActionType.DISABLE_ACCOUNT, "joan", Map.of()));

    assertThat(result.status()).isEqualTo(ActionStatus.SIMULATED);
    assertThat(result.detail()).contains("dry-run");
    assertThat(keycloak.tryPasswordGrant(REALM, APP, "joan", "joan-pw").statusCode())
        .isEqualTo(200);
  }

  @Test
  void aPendingDisableWhoseUserKeycloakShowsDisabledIsCompletedWithoutActingAgain() {
    keycloak.createUser(REALM, "kai", "kai-pw");
    // The node that claimed the action called Keycloak, then died before recording it.
    routes.handle(request(ActionType.DISABLE_ACCOUNT, "kai", Map.of()));
    PendingLedger ledger = new PendingLedger();

    ActionResult result =
        new LedgeredResponseActions(ledger, groups.provider())
            .perform(request(ActionType.DISABLE_ACCOUNT, "kai", Map.of()));

    assertThat(result.repeated()).isTrue();
    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    assertThat(result.detail()).isEqualTo("kai found disabled in realm " + REALM + " on lookup");
    assertThat(ledger.completions())
        .containsExactly(
            new PendingLedger.Completion(
                "INC-KC:DISABLE_ACCOUNT:kai", ActionStatus.DONE, result.detail()));
  }

  @Test
  void aPendingDisableWhoseUserIsStillEnabledIsPerformed() {
    keycloak.createUser(REALM, "lea", "lea-pw");

    ActionResult result =
        new LedgeredResponseActions(new PendingLedger(), groups.provider())
            .perform(request(ActionType.DISABLE_ACCOUNT, "lea", Map.of()));

    assertThat(result.repeated()).isFalse();
    assertThat(result.detail()).startsWith("disabled lea");
    assertThat(keycloak.tryPasswordGrant(REALM, APP, "lea", "lea-pw").statusCode()).isEqualTo(400);
  }

  private static ActionResult perform(
      ActionType type, String username, Map<String, Object> parameters) {
    CamelActionProvider provider = groups.provider();
    return provider.perform(request(type, username, parameters));
  }

  private static ActionRequest request(
      ActionType type, String username, Map<String, Object> parameters) {
    return new ActionRequest("INC-KC", type, username, parameters);
  }

  private static KeycloakSettings settings(String clientId, String secret, boolean dryRun) {
    PolicySettings policy =
        new PolicySettings(
            Duration.ofSeconds(20),
            2,
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            5,
            Duration.ofSeconds(30));
    return new KeycloakSettings(
        URI.create(keycloak.baseUrl()),
        REALM,
        null,
        clientId,
        Secret.of(secret),
        true,
        dryRun,
        policy);
  }
}
