package dev.bulwark.connectors.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.connectors.support.ProviderHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * The calls of the Okta Management API (Users, User Lifecycle, User Sessions, User Factors) that
 * containment needs. Okta answers a user it does not know with 404 {@code E0000007}, which {@link
 * ProviderHttp} already turns into a typed NOT_FOUND.
 */
final class OktaUsers {

  private final String base;
  private final OktaSettings settings;
  private final ProviderHttp http;

  OktaUsers(OktaSettings settings) {
    this.settings = settings;
    this.base = settings.orgUrl().toString().replaceAll("/+$", "") + "/api/v1/users/";
    this.http = new ProviderHttp(OktaSettings.PROVIDER, settings.policy().timeout());
  }

  /** The user by login (or id); Okta's Users API accepts either in the path. */
  JsonNode user(String login) {
    return http.json(http.send(call(encode(login)).GET().build(), "find user"), "find user");
  }

  /** {@code suspend} or {@code unsuspend}; Okta answers 200 with an empty object. */
  void lifecycle(String userId, String operation) {
    http.send(
        call(encode(userId) + "/lifecycle/" + operation)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        operation + " user");
  }

  /** Ends every session and revokes the OAuth tokens issued to the user; 204. */
  void clearSessions(String userId) {
    http.send(
        call(encode(userId) + "/sessions?oauthTokens=true").DELETE().build(), "clear sessions");
  }

  /** The user's enrolled factors: id, factorType, provider, status, created. */
  JsonNode factors(String userId) {
    return http.json(
        http.send(call(encode(userId) + "/factors").GET().build(), "list factors"), "list factors");
  }

  /** Unenrolls one factor; 204. */
  void deleteFactor(String userId, String factorId) {
    http.send(
        call(encode(userId) + "/factors/" + encode(factorId)).DELETE().build(), "delete factor");
  }

  /** Reads the token owner's own user: proves reachability and that the token works. */
  void probe() {
    http.send(call("me").GET().build(), "read own user");
  }

  private HttpRequest.Builder call(String path) {
    return http.request(URI.create(base + path))
        .header("Authorization", "SSWS " + settings.apiToken().reveal())
        .header("Accept", "application/json");
  }

  private static String encode(String segment) {
    // '@' may stand in a path segment (RFC 3986 pchar), and logins are e-mail addresses.
    return URLEncoder.encode(segment, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%40", "@");
  }
}
