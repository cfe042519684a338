package dev.bulwark.connectors.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.connectors.ldap.LdapDirectoryRoutes;
import dev.bulwark.connectors.ldap.LdapDisableMode;
import dev.bulwark.connectors.ldap.LdapSettings;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.LedgeredResponseActions;
import dev.bulwark.testkit.SlapdServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The LDAP route group against a real OpenLDAP slapd, in each disable mode. */
class LdapDirectoryIT {

  private static final EnumSet<ActionType> ACTIONS =
      EnumSet.of(ActionType.DISABLE_ACCOUNT, ActionType.ENABLE_ACCOUNT);

  @RegisterExtension
  static NoSecretsInLogs logs = new NoSecretsInLogs(SlapdServer.ADMIN_PASSWORD, "user-pw-5c1e");

  private final SlapdServer slapd = SlapdServer.shared();

  @ParameterizedTest
  @EnumSource(LdapDisableMode.class)
  void aDisabledUserCannotBindAndCanAgainOnceEnabled(LdapDisableMode mode) {
    String uid = fresh("kim", mode);
    String dn = slapd.addUser(uid, "user-pw-5c1e");
    LdapDirectoryRoutes routes = routes(mode, SlapdServer.ADMIN_PASSWORD, slapd.url(), false);

    ActionResult disabled = routes.handle(request(ActionType.DISABLE_ACCOUNT, uid));

    assertThat(disabled.detail()).startsWith("disabled ");
    String disabledDn =
        mode == LdapDisableMode.DISABLED_OU ? "uid=" + uid + "," + SlapdServer.DISABLED_DN : dn;
    assertThat(slapd.bind(disabledDn, "user-pw-5c1e")).isEqualTo(49);

    ActionResult enabled = routes.handle(request(ActionType.ENABLE_ACCOUNT, uid));

    assertThat(enabled.detail()).startsWith("enabled ");
    assertThat(slapd.bind(dn, "user-pw-5c1e")).isZero();
  }

  @Test
  void userAccountControlKeepsItsOtherBits() {
    String uid = fresh("lee", LdapDisableMode.USER_ACCOUNT_CONTROL);
    String dn = slapd.addUser(uid, "user-pw-5c1e");
    LdapDirectoryRoutes routes =
        routes(
            LdapDisableMode.USER_ACCOUNT_CONTROL, SlapdServer.ADMIN_PASSWORD, slapd.url(), false);

    routes.handle(request(ActionType.DISABLE_ACCOUNT, uid));
    assertThat(slapd.attribute(dn, "userAccountControl")).containsExactly("514");
    routes.handle(request(ActionType.ENABLE_ACCOUNT, uid));
    assertThat(slapd.attribute(dn, "userAccountControl")).containsExactly("512");
  }

  @ParameterizedTest
  @EnumSource(LdapDisableMode.class)
  void disablingAnAlreadyDisabledUserChangesNothingAndSaysSo(LdapDisableMode mode) {
    String uid = fresh("max", mode);
    slapd.addUser(uid, "user-pw-5c1e");
    LdapDirectoryRoutes routes = routes(mode, SlapdServer.ADMIN_PASSWORD, slapd.url(), false);
    routes.handle(request(ActionType.DISABLE_ACCOUNT, uid));

    ActionResult again = routes.handle(request(ActionType.DISABLE_ACCOUNT, uid));

    assertThat(again.status()).isEqualTo(ActionStatus.UNCHANGED);
    assertThat(again.detail()).contains("was already disabled");
  }

  @ParameterizedTest
  @EnumSource(LdapDisableMode.class)
  void aPendingDisableIsCompletedFromTheDirectoryWhenTheEntryIsAlreadyDisabled(LdapDisableMode mode)
      throws Exception {
    String done = fresh("ola", mode);
    String notYet = fresh("pia", mode);
    slapd.addUser(done, "user-pw-5c1e");
    String notYetDn = slapd.addUser(notYet, "user-pw-5c1e");
    LdapDirectoryRoutes routes = routes(mode, SlapdServer.ADMIN_PASSWORD, slapd.url(), false);
    // The node that claimed the first action changed the directory, then died.
    routes.handle(request(ActionType.DISABLE_ACCOUNT, done));

    try (RouteGroups groups = new RouteGroups(routes)) {
      LedgeredResponseActions actions =
          new LedgeredResponseActions(new PendingLedger(), groups.provider());
      ActionResult found = actions.perform(request(ActionType.DISABLE_ACCOUNT, done));
      ActionResult performed = actions.perform(request(ActionType.DISABLE_ACCOUNT, notYet));

      assertThat(found.repeated()).isTrue();
      assertThat(found.status()).isEqualTo(ActionStatus.DONE);
      assertThat(found.detail()).endsWith("found disabled (" + mode + ") on lookup");
      assertThat(performed.repeated()).isFalse();
      assertThat(performed.detail()).startsWith("disabled ");
      String disabledDn =
          mode == LdapDisableMode.DISABLED_OU
              ? "uid=" + notYet + "," + SlapdServer.DISABLED_DN
              : notYetDn;
      assertThat(slapd.bind(disabledDn, "user-pw-5c1e")).isEqualTo(49);
    }
  }

  @Test
  void anUnknownUserIsATypedNotFound() {
    LdapDirectoryRoutes routes =
        routes(LdapDisableMode.PPOLICY_LOCK, SlapdServer.ADMIN_PASSWORD, slapd.url(), false);

    assertThatThrownBy(() -> routes.handle(request(ActionType.DISABLE_ACCOUNT, "no-such-uid")))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageContaining("no-such-uid")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.NOT_FOUND));
  }

  @Test
  void aWrongBindPasswordIsUnauthorizedAndNotRetried() {
    LdapDirectoryRoutes routes =
        routes(LdapDisableMode.PPOLICY_LOCK, "wrong-bind-pw-91b2", slapd.url(), false);

    assertThatThrownBy(() -> routes.handle(request(ActionType.DISABLE_ACCOUNT, "anyone")))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageNotContaining("wrong-bind-pw-91b2")
        .satisfies(
            e -> {
              assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED);
              assertThat(((ConnectorFailure) e).retryable()).isFalse();
            });
  }

  @Test
  void aDirectoryThatNeverAnswersIsARetryableTimeout() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      LdapDirectoryRoutes routes =
          routes(
              LdapDisableMode.PPOLICY_LOCK,
              SlapdServer.ADMIN_PASSWORD,
              "ldap://127.0.0.1:" + silent.getLocalPort(),
              false);

      assertThatThrownBy(() -> routes.handle(request(ActionType.DISABLE_ACCOUNT, "anyone")))
          .isInstanceOf(ConnectorFailure.class)
          .satisfies(
              e -> {
                assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(((ConnectorFailure) e).retryable()).isTrue();
              });
    }
  }

  @Test
  void dryRunLeavesTheUserAbleToBind() {
    String uid = fresh("ned", LdapDisableMode.PPOLICY_LOCK);
    String dn = slapd.addUser(uid, "user-pw-5c1e");
    LdapDirectoryRoutes routes =
        routes(LdapDisableMode.PPOLICY_LOCK, SlapdServer.ADMIN_PASSWORD, slapd.url(), true);

    assertThat(routes.handle(request(ActionType.DISABLE_ACCOUNT, uid)).detail())
        .contains("dry-run");
    assertThat(slapd.bind(dn, "user-pw-5c1e")).isZero();
  }

  private String fresh(String name, LdapDisableMode mode) {
    String uid = name + "-" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    slapd.deleteIfPresent("uid=" + uid + "," + SlapdServer.PEOPLE_DN);
    slapd.deleteIfPresent("uid=" + uid + "," + SlapdServer.DISABLED_DN);
    return uid;
  }

  private static ActionRequest request(ActionType type, String uid) {
    return new ActionRequest("INC-LDAP", type, uid, Map.of());
  }

  private static LdapDirectoryRoutes routes(
      LdapDisableMode mode, String password, String url, boolean dryRun) {
    PolicySettings policy =
        new PolicySettings(
            Duration.ofSeconds(1),
            2,
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            Duration.ofSeconds(5),
            5,
            Duration.ofSeconds(30));
    return new LdapDirectoryRoutes(
        new LdapSettings(
            url,
            SlapdServer.ADMIN_DN,
            Secret.of(password),
            SlapdServer.PEOPLE_DN,
            "uid",
            mode,
            SlapdServer.DISABLED_DN,
            dryRun,
            policy),
        ACTIONS);
  }
}
