package dev.bulwark.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real Keycloak ({@code kc.sh start-dev}) for integration tests: started lazily once per test JVM
 * on free loopback ports, stopped when the JVM exits. Helpers create realms, users, clients and
 * roles through the admin REST API and obtain tokens the way an application would.
 *
 * <pre>{@code
 * KeycloakServer keycloak = KeycloakServer.shared();
 * keycloak.createRealm("acme");
 * keycloak.createUser("acme", "alice", "secret");
 * keycloak.createPublicClient("acme", "cli");
 * Tokens tokens = keycloak.passwordGrant("acme", "cli", "alice", "secret");
 * }</pre>
 */
public final class KeycloakServer {

  /** The bootstrap administrator of the master realm. */
  public static final String ADMIN_USERNAME = "admin";

  public static final String ADMIN_PASSWORD = "admin-testkit";

  /** How long a start may take: 80-160 s from an empty database on 2 cores. */
  static final Duration START_TIMEOUT =
      Duration.ofSeconds(Long.getLong("bulwark.testkit.keycloak-start-seconds", 300));

  private static KeycloakServer shared;

  private final KeycloakProcess process;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper();

  private KeycloakServer(KeycloakProcess process) {
    this.process = process;
  }

  /** The Keycloak of this JVM, started on first use (this call blocks until it is ready). */
  public static synchronized KeycloakServer shared() {
    if (shared == null) {
      shared = new KeycloakServer(KeycloakProcess.start(KeycloakDistribution.home(), freePorts()));
    }
    return shared;
  }

  /** e.g. {@code http://127.0.0.1:41234}; realms live under {@code /realms/<name>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + process.httpPort();
  }

  /** The OpenID Connect issuer of a realm. */
  public String issuer(String realm) {
    return baseUrl() + "/realms/" + realm;
  }

  /** Creates a realm, deleting an earlier one of the same name (the database outlives the JVM). */
  public void createRealm(String realm) {
    HttpResponse<String> existing = admin("DELETE", "/admin/realms/" + realm, null);
    if (existing.statusCode() != 204 && existing.statusCode() != 404) {
      throw unexpected("delete realm " + realm, existing);
    }
    expect(admin("POST", "/admin/realms", Map.of("realm", realm, "enabled", true)), 201, "realm");
  }

  /** Creates an enabled user with a permanent password; returns the user's id. */
  public String createUser(String realm, String username, String password) {
    Map<String, Object> user =
        Map.of(
            "username",
            username,
            "enabled",
            true,
            "email",
            username + "@example.test",
            "emailVerified",
            true,
            "firstName",
            username,
            "lastName",
            "Test",
            "credentials",
            List.of(Map.of("type", "password", "value", password, "temporary", false)));
    HttpResponse<String> created = admin("POST", "/admin/realms/" + realm + "/users", user);
    expect(created, 201, "user " + username);
    return idFromLocation(created);
  }

  /** The id of a user, or an exception naming the user if there is none. */
  public String userId(String realm, String username) {
    JsonNode users =
        readJson(
            expect(
                admin(
                    "GET",
                    "/admin/realms/" + realm + "/users?exact=true&username=" + username,
                    null),
                200,
                "user lookup"));
    if (users.isEmpty()) {
      throw new IllegalArgumentException("no user " + username + " in realm " + realm);
    }
    return users.get(0).get("id").asText();
  }

  /** The user as Keycloak's admin API represents it (e.g. {@code enabled}). */
  public JsonNode user(String realm, String userId) {
    return readJson(
        expect(admin("GET", "/admin/realms/" + realm + "/users/" + userId, null), 200, "user"));
  }

  /** Creates a realm role. */
  public void createRealmRole(String realm, String role) {
    expect(
        admin("POST", "/admin/realms/" + realm + "/roles", Map.of("name", role)),
        201,
        "role " + role);
  }

  /** Grants realm roles to a user. */
  public void assignRealmRoles(String realm, String userId, String... roles) {
    List<JsonNode> representations =
        java.util.Arrays.stream(roles)
            .map(
                role ->
                    readJson(
                        expect(
                            admin("GET", "/admin/realms/" + realm + "/roles/" + role, null),
                            200,
                            "role " + role)))
            .toList();
    expect(
        admin(
            "POST",
            "/admin/realms/" + realm + "/users/" + userId + "/role-mappings/realm",
            representations),
        204,
        "role mapping");
  }

  /**
   * A public client that allows the password grant (a stand-in for a user's application); its own
   * id is in the audience of the tokens it obtains, so it can introspect and revoke them.
   */
  public String createPublicClient(String realm, String clientId) {
    return createPublicClient(realm, clientId, null);
  }

  /**
   * As {@link #createPublicClient(String, String)}, with access tokens that live only this long
   * (whole seconds; the realm's default, five minutes, when null), e.g. to test expiry.
   */
  public String createPublicClient(String realm, String clientId, Duration accessTokenLifespan) {
    Map<String, Object> client =
        Map.of(
            "clientId", clientId,
            "enabled", true,
            "publicClient", true,
            "directAccessGrantsEnabled", true,
            "standardFlowEnabled", false,
            "protocolMappers", List.of(audienceMapper(clientId)),
            "attributes",
                accessTokenLifespan == null
                    ? Map.of()
                    : Map.of(
                        "access.token.lifespan", Long.toString(accessTokenLifespan.toSeconds())));
    HttpResponse<String> created = admin("POST", "/admin/realms/" + realm + "/clients", client);
    expect(created, 201, "client " + clientId);
    return idFromLocation(created);
  }

  /**
   * A confidential client with a service account (client-credentials grant), e.g. for a connector
   * that calls the admin API; the service account gets the given {@code realm-management} roles
   * such as {@code manage-users}.
   */
  public String createConfidentialClient(
      String realm, String clientId, String secret, String... realmManagementRoles) {
    Map<String, Object> client =
        Map.of(
            "clientId", clientId,
            "enabled", true,
            "publicClient", false,
            "secret", secret,
            "serviceAccountsEnabled", true,
            "directAccessGrantsEnabled", true,
            "standardFlowEnabled", false,
            "protocolMappers", List.of(audienceMapper(clientId)));
    HttpResponse<String> created = admin("POST", "/admin/realms/" + realm + "/clients", client);
    expect(created, 201, "client " + clientId);
    String id = idFromLocation(created);
    if (realmManagementRoles.length > 0) {
      grantRealmManagementRoles(realm, id, realmManagementRoles);
    }
    return id;
  }

  private void grantRealmManagementRoles(String realm, String clientUuid, String... roles) {
    String serviceAccount =
        readJson(
                expect(
                    admin(
                        "GET",
                        "/admin/realms/"
                            + realm
                            + "/clients/"
                            + clientUuid
                            + "/service-account-user",
                        null),
                    200,
                    "service account"))
            .get("id")
            .asText();
    String realmManagement =
        readJson(
                expect(
                    admin(
                        "GET",
                        "/admin/realms/" + realm + "/clients?clientId=realm-management",
                        null),
                    200,
                    "realm-management client"))
            .get(0)
            .get("id")
            .asText();
    List<JsonNode> representations =
        java.util.Arrays.stream(roles)
            .map(
                role ->
                    readJson(
                        expect(
                            admin(
                                "GET",
                                "/admin/realms/"
                                    + realm
                                    + "/clients/"
                                    + realmManagement
                                    + "/roles/"
                                    + role,
                                null),
                            200,
                            "realm-management role " + role)))
            .toList();
    expect(
        admin(
            "POST",
            "/admin/realms/"
                + realm
                + "/users/"
                + serviceAccount
                + "/role-mappings/clients/"
                + realmManagement,
            representations),
        204,
        "service account roles");
  }

  /** Logs a user in with the resource-owner password grant; fails with the server's answer. */
  public Tokens passwordGrant(String realm, String clientId, String username, String password) {
    HttpResponse<String> response = tryPasswordGrant(realm, clientId, username, password);
    return Tokens.from(readJson(expect(response, 200, "password grant for " + username)));
  }

  /** The raw answer to a password grant: 200 with tokens, or 400/401 when login is refused. */
  public HttpResponse<String> tryPasswordGrant(
      String realm, String clientId, String username, String password) {
    return form(
        tokenEndpoint(realm),
        Map.of(
            "grant_type", "password",
            "client_id", clientId,
            "username", username,
            "password", password,
            "scope", "openid"));
  }

  /** The raw answer to a refresh: 200 while the session lives, 400 {@code invalid_grant} after. */
  public HttpResponse<String> tryRefresh(String realm, String clientId, String refreshToken) {
    return form(
        tokenEndpoint(realm),
        Map.of(
            "grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken));
  }

  /** A client-credentials token for a confidential client. */
  public Tokens clientCredentials(String realm, String clientId, String secret) {
    return Tokens.from(
        readJson(
            expect(
                form(
                    tokenEndpoint(realm),
                    Map.of(
                        "grant_type", "client_credentials",
                        "client_id", clientId,
                        "client_secret", secret)),
                200,
                "client credentials for " + clientId)));
  }

  /** The token endpoint of a realm. */
  public String tokenEndpoint(String realm) {
    return issuer(realm) + "/protocol/openid-connect/token";
  }

  /** Stops the server now rather than when the JVM exits. */
  public static synchronized void stopShared() {
    if (shared != null) {
      shared.process.stop();
      shared = null;
    }
  }

  private String adminToken() {
    return passwordGrant("master", "admin-cli", ADMIN_USERNAME, ADMIN_PASSWORD).accessToken();
  }

  private HttpResponse<String> admin(String method, String path, Object body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", "Bearer " + adminToken());
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private HttpResponse<String> form(String url, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    e.getKey()
                        + "="
                        + java.net.URLEncoder.encode(
                            e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("POST " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Map<String, Object> audienceMapper(String clientId) {
    return Map.of(
        "name",
        "audience-" + clientId,
        "protocol",
        "openid-connect",
        "protocolMapper",
        "oidc-audience-mapper",
        "config",
        Map.of(
            "included.client.audience", clientId,
            "access.token.claim", "true",
            "id.token.claim", "false"));
  }

  private static String expect(HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw unexpected(what, response);
    }
    return response.body();
  }

  private static IllegalStateException unexpected(String what, HttpResponse<String> response) {
    return new IllegalStateException(
        "Keycloak refused "
            + what
            + ": "
            + response.request().method()
            + " "
            + response.uri()
            + " answered "
            + response.statusCode()
            + " "
            + response.body());
  }

  private static String idFromLocation(HttpResponse<String> created) {
    String location = created.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private JsonNode readJson(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("Keycloak answered something that is not JSON: " + body, e);
    }
  }

  private static int[] freePorts() {
    try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket management = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new int[] {http.getLocalPort(), management.getLocalPort()};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tokens of one grant. */
  public record Tokens(String accessToken, String refreshToken, Instant obtainedAt) {
    static Tokens from(JsonNode node) {
      return new Tokens(
          node.path("access_token").asText(),
          node.path("refresh_token").asText(null),
          Instant.now());
    }
  }
}
