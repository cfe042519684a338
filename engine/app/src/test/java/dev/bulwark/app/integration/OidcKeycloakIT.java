package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.app.BulwarkApplication;
import dev.bulwark.testkit.KeycloakServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Humans log in with the company's identity provider: a real Keycloak issues access tokens whose
 * realm roles become Bulwark roles. The engine trusts only tokens signed by the configured issuer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcKeycloakIT {

  private static final String REALM = "bulwark-oidc-it";
  private static final String CLIENT = "bulwark-console";

  /** Also a client for Bulwark, whose access tokens live a few seconds. */
  private static final String SHORT_LIVED = "bulwark-console-short";

  /** Another application of the same realm: its tokens are not meant for Bulwark. */
  private static final String OTHER_APP = "wiki";

  private KeycloakServer keycloak;
  private ConfigurableApplicationContext engine;
  private BulwarkClient client;

  @BeforeAll
  void startKeycloakAndEngine() {
    keycloak = KeycloakServer.shared();
    keycloak.createRealm(REALM);
    keycloak.createPublicClient(REALM, CLIENT);
    keycloak.createPublicClient(REALM, SHORT_LIVED, Duration.ofSeconds(10));
    keycloak.createPublicClient(REALM, OTHER_APP);
    keycloak.createRealmRole(REALM, "bulwark-analyst");
    keycloak.createRealmRole(REALM, "soc-viewer");
    keycloak.createRealmRole(REALM, "unrelated");
    user("alice", "bulwark-analyst");
    user("victor", "soc-viewer");
    user("nora", "unrelated");
    engine =
        new SpringApplicationBuilder(BulwarkApplication.class)
            .run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:bulwark-oidc;DB_CLOSE_DELAY=-1",
                "--camunda.bpm.process-engine-name=oidc",
                // The webapps keep static state; a second context in this JVM must not replace the
                // shared context's.
                "--camunda.bpm.webapp.enabled=false",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + keycloak.issuer(REALM),
                "--spring.security.oauth2.resourceserver.jwt.audiences="
                    + CLIENT
                    + ","
                    + SHORT_LIVED,
                "--bulwark.security.oidc.clock-skew=1s",
                "--bulwark.security.oidc.role-mapping.soc-viewer=VIEWER");
    client =
        new BulwarkClient(
            Integer.parseInt(engine.getEnvironment().getProperty("local.server.port")));
  }

  @AfterAll
  void stopEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void anAnalystsTokenReadsIncidentsAndMayDecideApprovals() {
    BulwarkClient alice = client.withBearer(token("alice"));

    assertThat(alice.get("/api/v1/incidents").status()).isEqualTo(200);
    var decision =
        alice.postJson("/api/v1/approvals/" + UUID.randomUUID(), "{\"decision\": \"approve\"}");
    assertThat(decision.status()).as("authorised, and the task does not exist").isEqualTo(404);
    assertThat(alice.get("/api/v1/audit/verify").status()).as("not an admin").isEqualTo(403);
  }

  @Test
  void aMappedProviderRoleGivesItsBulwarkRole() {
    BulwarkClient victor = client.withBearer(token("victor"));

    assertThat(victor.get("/api/v1/incidents").status()).isEqualTo(200);
    assertThat(victor.postJson("/api/v1/approvals/x", "{\"decision\": \"approve\"}").status())
        .isEqualTo(403);
  }

  @Test
  void aValidTokenWithoutABulwarkRoleIsForbidden() {
    assertThat(client.withBearer(token("nora")).get("/api/v1/incidents").status()).isEqualTo(403);
  }

  @Test
  void aTamperedTokenIsRejected() {
    String token = token("victor");
    String[] parts = token.split("\\.");
    String forgedPayload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(
                        java.util.Base64.getUrlDecoder().decode(parts[1]),
                        java.nio.charset.StandardCharsets.UTF_8)
                    .replace("soc-viewer", "bulwark-admin")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    String forged = parts[0] + "." + forgedPayload + "." + parts[2];

    var response = client.withBearer(forged).get("/api/v1/incidents");

    assertThat(response.status()).isEqualTo(401);
    String audit = client.as("admin", "admin").get("/api/v1/audit?limit=1000").body();
    assertThat(audit).contains("\"actor\":\"bearer-token\"").doesNotContain(parts[2]);
  }

  @Test
  void aTokenFromAnotherRealmIsRejected() {
    String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
    keycloak.createRealm(other);
    keycloak.createPublicClient(other, CLIENT);
    keycloak.createRealmRole(other, "bulwark-admin");
    String id = keycloak.createUser(other, "mallory", "mallory-pass");
    keycloak.assignRealmRoles(other, id, "bulwark-admin");
    String foreign = keycloak.passwordGrant(other, CLIENT, "mallory", "mallory-pass").accessToken();

    var response = client.withBearer(foreign).get("/api/v1/incidents");

    assertThat(response.status()).isEqualTo(401);
    assertRefused(response, foreign, "no matching key");
  }

  @Test
  void anExpiredTokenIsRefusedAndTheChallengeSaysItExpired() {
    String token = keycloak.passwordGrant(REALM, SHORT_LIVED, "alice", "alice-pass").accessToken();
    BulwarkClient alice = client.withBearer(token);
    assertThat(alice.get("/api/v1/incidents").status()).as("valid while fresh").isEqualTo(200);

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    BulwarkClient.Response response = alice.get("/api/v1/incidents");
    while (response.status() == 200 && System.nanoTime() < deadline) {
      response = alice.get("/api/v1/incidents");
    }

    assertThat(response.status()).as("refused once its 10 s are up").isEqualTo(401);
    assertRefused(response, token, "expired");
  }

  @Test
  void aTokenTheRealmIssuedToAnotherApplicationIsRefused() {
    String token = keycloak.passwordGrant(REALM, OTHER_APP, "alice", "alice-pass").accessToken();

    var response = client.withBearer(token).get("/api/v1/incidents");

    assertThat(response.status())
        .as("same realm and roles, but not meant for Bulwark")
        .isEqualTo(401);
    assertRefused(response, token, "aud");
  }

  /**
   * RFC 6750's challenge names the error and why; neither the challenge nor the body repeats the
   * token, and the body is the API's usual problem JSON.
   */
  private static void assertRefused(BulwarkClient.Response response, String token, String why) {
    String challenge = response.header("WWW-Authenticate");
    assertThat(challenge)
        .startsWith("Bearer ")
        .contains("error=\"invalid_token\"")
        .contains("error_description=\"")
        .containsIgnoringCase(why);
    assertThat(response.json().get("type").asText()).endsWith("invalid-token");
    assertThat(response.json().get("detail").asText()).containsIgnoringCase(why);
    String signature = token.substring(token.lastIndexOf('.') + 1);
    assertThat(challenge + response.body()).doesNotContain(signature).doesNotContain(token);
  }

  @Test
  void basicAuthStillWorksBesideOidc() {
    assertThat(client.as("viewer", "viewer").get("/api/v1/incidents").status()).isEqualTo(200);
  }

  private void user(String name, String role) {
    String id = keycloak.createUser(REALM, name, name + "-pass");
    keycloak.assignRealmRoles(REALM, id, role);
  }

  private String token(String name) {
    return keycloak.passwordGrant(REALM, CLIENT, name, name + "-pass").accessToken();
  }
}
