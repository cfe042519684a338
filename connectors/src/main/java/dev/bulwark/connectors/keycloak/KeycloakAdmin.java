package dev.bulwark.connectors.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.OAuth2ClientCredentials;
import dev.bulwark.connectors.support.ProviderHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The few calls of Keycloak's admin REST API and OIDC endpoints that containment needs. */
final class KeycloakAdmin {

  private final KeycloakSettings settings;
  private final ProviderHttp http;
  private final OAuth2ClientCredentials token;

  KeycloakAdmin(KeycloakSettings settings) {
    this.settings = settings;
    this.http = new ProviderHttp(KeycloakSettings.PROVIDER, settings.policy().timeout());
    this.token =
        new OAuth2ClientCredentials(
            http,
            oidc(settings.clientRealm(), "token"),
            settings.clientId(),
            settings.clientSecret(),
            null);
  }

  /** The user's representation, found by exact username; 404 as a typed failure. */
  JsonNode user(String username) {
    String path =
        "/users?exact=true&briefRepresentation=false&username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8);
    JsonNode users =
        token.withToken(t -> http.json(http.send(get(path, t), "find user"), "find user"));
    if (!users.isArray() || users.isEmpty()) {
      throw new ConnectorFailure(
          KeycloakSettings.PROVIDER,
          FailureKind.NOT_FOUND,
          "no user " + username + " in realm " + settings.realm());
    }
    return users.get(0);
  }

  void setEnabled(String userId, boolean enabled) {
    token.withToken(
        t ->
            http.send(
                admin("/users/" + userId, t)
                    .header("Content-Type", "application/json")
                    .PUT(ProviderHttp.jsonBody(Map.of("enabled", enabled)))
                    .build(),
                enabled ? "enable user" : "disable user"));
  }

  /** Ends every session of the user; their refresh tokens stop working at once. */
  void logout(String userId) {
    token.withToken(
        t ->
            http.send(
                admin("/users/" + userId + "/logout", t)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                "logout user"));
  }

  /** Number of the user's active sessions. */
  int sessionCount(String userId) {
    return token.withToken(
        t ->
            http.json(
                    http.send(get("/users/" + userId + "/sessions", t), "list sessions"),
                    "list sessions")
                .size());
  }

  /**
   * RFC 7009 revocation of one token, authenticated as the client it was issued to (a public client
   * only names itself). Keycloak answers 200 even for an unknown token, as the RFC asks.
   */
  void revoke(String tokenValue, String tokenTypeHint, String clientId, String clientSecret) {
    Map<String, String> form = new java.util.LinkedHashMap<>();
    form.put("token", tokenValue);
    if (tokenTypeHint != null) {
      form.put("token_type_hint", tokenTypeHint);
    }
    form.put("client_id", clientId);
    if (clientSecret != null && !clientSecret.isEmpty()) {
      form.put("client_secret", clientSecret);
    }
    http.send(
        http.request(oidc(settings.realm(), "revoke"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(ProviderHttp.formBody(form))
            .build(),
        "revoke token (RFC 7009)");
  }

  /** Fetches a service-account token: proves reachability and credentials. */
  void probe() {
    token.accessToken();
  }

  OAuth2ClientCredentials token() {
    return token;
  }

  private HttpRequest get(String path, String accessToken) {
    return admin(path, accessToken).GET().build();
  }

  private HttpRequest.Builder admin(String path, String accessToken) {
    return http.request(
            URI.create(
                settings.baseUrl().toString().replaceAll("/+$", "")
                    + "/admin/realms/"
                    + settings.realm()
                    + path))
        .header("Authorization", "Bearer " + accessToken)
        .header("Accept", "application/json");
  }

  private URI oidc(String realm, String endpoint) {
    return URI.create(
        settings.baseUrl().toString().replaceAll("/+$", "")
            + "/realms/"
            + realm
            + "/protocol/openid-connect/"
            + endpoint);
  }
}
