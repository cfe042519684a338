package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.KeycloakServer.Tokens;
import org.junit.jupiter.api.Test;

class KeycloakServerTest {

  @Test
  void aUserCreatedInANewRealmCanLogInAndRefreshButNotWithAWrongPassword() {
    KeycloakServer keycloak = KeycloakServer.shared();
    keycloak.createRealm("testkit");
    keycloak.createRealmRole("testkit", "analyst");
    String alice = keycloak.createUser("testkit", "alice", "correct-horse");
    keycloak.assignRealmRoles("testkit", alice, "analyst");
    keycloak.createPublicClient("testkit", "testkit-cli");

    Tokens tokens = keycloak.passwordGrant("testkit", "testkit-cli", "alice", "correct-horse");

    assertThat(tokens.accessToken()).isNotBlank();
    assertThat(keycloak.tryRefresh("testkit", "testkit-cli", tokens.refreshToken()).statusCode())
        .isEqualTo(200);
    var refused = keycloak.tryPasswordGrant("testkit", "testkit-cli", "alice", "wrong");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("invalid_grant");
    assertThat(keycloak.userId("testkit", "alice")).isEqualTo(alice);
  }

  @Test
  void aConfidentialClientGetsAServiceAccountTokenThatMayManageUsers() {
    KeycloakServer keycloak = KeycloakServer.shared();
    keycloak.createRealm("testkit-service");
    keycloak.createConfidentialClient(
        "testkit-service", "connector", "connector-secret", "manage-users", "view-users");

    Tokens tokens = keycloak.clientCredentials("testkit-service", "connector", "connector-secret");

    assertThat(tokens.accessToken()).isNotBlank();
  }
}
