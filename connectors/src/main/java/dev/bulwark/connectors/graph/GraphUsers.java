package dev.bulwark.connectors.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.connectors.support.OAuth2ClientCredentials;
import dev.bulwark.connectors.support.ProviderHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Microsoft Graph v1.0 calls containment needs: user, revokeSignInSessions and the
 * authentication methods API, with an app-only token from the Microsoft identity platform's
 * client-credentials flow.
 */
final class GraphUsers {

  private final String base;
  private final ProviderHttp http;
  private final OAuth2ClientCredentials token;

  GraphUsers(GraphSettings settings) {
    this.base = settings.graphUrl().toString().replaceAll("/+$", "") + "/v1.0/users/";
    this.http = new ProviderHttp(GraphSettings.PROVIDER, settings.policy().timeout());
    this.token =
        new OAuth2ClientCredentials(
            http,
            URI.create(
                settings.loginUrl().toString().replaceAll("/+$", "")
                    + "/"
                    + encode(settings.tenantId())
                    + "/oauth2/v2.0/token"),
            settings.clientId(),
            settings.clientSecret(),
            settings.scope());
  }

  /** The user by userPrincipalName (or object id): id, userPrincipalName, accountEnabled. */
  JsonNode user(String userPrincipalName) {
    return get(
        encode(userPrincipalName) + "?$select=id,userPrincipalName,accountEnabled", "find user");
  }

  /** Sets {@code accountEnabled}; Graph answers 204. */
  void setAccountEnabled(String userId, boolean enabled) {
    token.withToken(
        t ->
            http.send(
                call(encode(userId), t)
                    .header("Content-Type", "application/json")
                    .method("PATCH", ProviderHttp.jsonBody(Map.of("accountEnabled", enabled)))
                    .build(),
                enabled ? "enable user" : "disable user"));
  }

  /** Invalidates the user's refresh tokens and session cookies; 200 {@code {"value": true}}. */
  void revokeSignInSessions(String userId) {
    token.withToken(
        t ->
            http.send(
                call(encode(userId) + "/revokeSignInSessions", t)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                "revoke sign-in sessions"));
  }

  /** The user's registered authentication methods, each with its {@code @odata.type}. */
  JsonNode authenticationMethods(String userId) {
    return get(encode(userId) + "/authentication/methods", "list authentication methods")
        .path("value");
  }

  /** Deletes one method through its type's endpoint, e.g. {@code phoneMethods/{id}}; 204. */
  void deleteMethod(String userId, String collection, String methodId) {
    token.withToken(
        t ->
            http.send(
                call(encode(userId) + "/authentication/" + collection + "/" + encode(methodId), t)
                    .DELETE()
                    .build(),
                "delete " + collection));
  }

  void probe() {
    token.accessToken();
  }

  int tokenFetches() {
    return token.fetches();
  }

  private JsonNode get(String path, String operation) {
    return token.withToken(
        t -> http.json(http.send(call(path, t).GET().build(), operation), operation));
  }

  private HttpRequest.Builder call(String path, String accessToken) {
    return http.request(URI.create(base + path))
        .header("Authorization", "Bearer " + accessToken)
        .header("Accept", "application/json");
  }

  private static String encode(String segment) {
    // '@' may stand in a path segment (RFC 3986 pchar), and user principal names contain one.
    return URLEncoder.encode(segment, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%40", "@");
  }
}
