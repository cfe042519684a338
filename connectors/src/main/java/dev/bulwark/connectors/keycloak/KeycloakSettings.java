package dev.bulwark.connectors.keycloak;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;

/**
 * How Bulwark reaches a Keycloak.
 *
 * @param baseUrl e.g. {@code https://sso.example.com} (no {@code /realms} suffix)
 * @param realm the realm whose users are acted on
 * @param clientRealm the realm of Bulwark's own client; usually the same realm
 * @param clientId a confidential client with a service account holding {@code realm-management}
 *     roles {@code view-users} and {@code manage-users}
 * @param clientSecret from the environment ({@code BULWARK_KEYCLOAK_CLIENT_SECRET})
 * @param logoutOnDisable also end the user's sessions when disabling (recommended: a disabled user
 *     otherwise keeps working until the access token expires)
 */
public record KeycloakSettings(
    URI baseUrl,
    String realm,
    String clientRealm,
    String clientId,
    Secret clientSecret,
    boolean logoutOnDisable,
    boolean dryRun,
    PolicySettings policy) {

  public static final String PROVIDER = "keycloak";

  public KeycloakSettings {
    require(baseUrl != null, "bulwark.connectors.keycloak.base-url is required");
    require(realm != null && !realm.isBlank(), "bulwark.connectors.keycloak.realm is required");
    require(
        clientId != null && !clientId.isBlank(),
        "bulwark.connectors.keycloak.client-id is required");
    require(
        dryRun || (clientSecret != null && !clientSecret.isEmpty()),
        "bulwark.connectors.keycloak.client-secret is required"
            + " (set BULWARK_KEYCLOAK_CLIENT_SECRET)");
    if (clientRealm == null || clientRealm.isBlank()) {
      clientRealm = realm;
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
