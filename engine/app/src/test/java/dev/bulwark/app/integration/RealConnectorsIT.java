package dev.bulwark.app.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.bulwark.app.BulwarkApplication;
import dev.bulwark.testkit.KeycloakServer;
import dev.bulwark.testkit.KeycloakServer.Tokens;
import dev.bulwark.testkit.SlapdServer;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The engine with real providers: slapd disables the account, Keycloak ends the sessions, the mail
 * server gets the notification, and an EDR (WireMock, from the Falcon API reference) contains the
 * host; then a false positive undoes it. The servers themselves show each step.
 */
@SpringBootTest(
    classes = BulwarkApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:bulwark-real-connectors;DB_CLOSE_DELAY=-1",
      "bulwark.processor.poll-interval=200ms",
      "bulwark.connectors.providers.DISABLE_ACCOUNT=ldap",
      "bulwark.connectors.providers.ENABLE_ACCOUNT=ldap",
      "bulwark.connectors.providers.ISOLATE_HOST=crowdstrike",
      "bulwark.connectors.providers.RELEASE_HOST=crowdstrike",
      "bulwark.connectors.providers.REVOKE_SESSIONS=keycloak",
      "bulwark.connectors.providers.NOTIFY=smtp",
      // Its own engine, not the shared context's "default"; the webapps belong to that one.
      "camunda.bpm.process-engine-name=realconnectors",
      "camunda.bpm.webapp.enabled=false"
    })
class RealConnectorsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String REALM = "bulwark-engine";
  private static final String CLIENT_SECRET = "engine-kc-secret-0b7e";
  private static final String SMTP_PASSWORD = "engine-smtp-pw-51c9";
  private static final GreenMail MAIL =
      new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP}))
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("bulwark", SMTP_PASSWORD));

  private static final String FALCON_SECRET = "falcon-e2e-secret-7d2c";
  private static final WireMockServer FALCON =
      new WireMockServer(wireMockConfig().dynamicPort().usingFilesUnderClasspath("falcon-e2e"));

  @LocalServerPort int port;

  @DynamicPropertySource
  static void realServers(DynamicPropertyRegistry registry) {
    MAIL.start();
    FALCON.start();
    SlapdServer slapd = SlapdServer.shared();
    KeycloakServer keycloak = KeycloakServer.shared();
    keycloak.createRealm(REALM);
    keycloak.createPublicClient(REALM, "app");
    keycloak.createConfidentialClient(
        REALM, "bulwark", CLIENT_SECRET, "view-users", "manage-users");

    registry.add("bulwark.connectors.ldap.url", slapd::url);
    registry.add("bulwark.connectors.ldap.bind-dn", () -> SlapdServer.ADMIN_DN);
    registry.add("bulwark.connectors.ldap.bind-password", () -> SlapdServer.ADMIN_PASSWORD);
    registry.add("bulwark.connectors.ldap.users-base", () -> SlapdServer.PEOPLE_DN);
    registry.add("bulwark.connectors.ldap.mode", () -> "PPOLICY_LOCK");
    registry.add("bulwark.connectors.keycloak.base-url", keycloak::baseUrl);
    registry.add("bulwark.connectors.keycloak.realm", () -> REALM);
    registry.add("bulwark.connectors.keycloak.client-id", () -> "bulwark");
    registry.add("bulwark.connectors.keycloak.client-secret", () -> CLIENT_SECRET);
    registry.add("bulwark.connectors.smtp.host", () -> "127.0.0.1");
    registry.add("bulwark.connectors.smtp.port", () -> MAIL.getSmtp().getPort());
    registry.add("bulwark.connectors.smtp.username", () -> "bulwark");
    registry.add("bulwark.connectors.smtp.password", () -> SMTP_PASSWORD);
    registry.add("bulwark.connectors.smtp.security", () -> "NONE");
    registry.add("bulwark.connectors.smtp.from", () -> "bulwark@example.test");
    registry.add("bulwark.connectors.smtp.recipients.security", () -> "soc@example.test");
    registry.add("bulwark.connectors.crowdstrike.base-url", FALCON::baseUrl);
    registry.add("bulwark.connectors.crowdstrike.client-id", () -> "bulwark-e2e");
    registry.add("bulwark.connectors.crowdstrike.client-secret", () -> FALCON_SECRET);
  }

  @AfterAll
  static void stopServers() {
    MAIL.stop();
    FALCON.stop();
  }

  @Test
  void anApprovedPlaybookContainsAtTheRealServersAndAFalsePositiveUndoesIt() throws Exception {
    BulwarkClient client = new BulwarkClient(port);
    String run = UUID.randomUUID().toString();
    String user = "rc-" + run.substring(0, 8);
    SlapdServer slapd = SlapdServer.shared();
    String dn = slapd.addUser(user, "pw-" + run);
    KeycloakServer keycloak = KeycloakServer.shared();
    keycloak.createUser(REALM, user, "pw-" + run);
    Tokens session = keycloak.passwordGrant(REALM, "app", user, "pw-" + run);

    client.post(
        "/api/v1/alerts",
        "application/x-ndjson",
        TestAlerts.load("brute_force.ndjson", user, run).getBytes(StandardCharsets.UTF_8));
    // This context is the test's own: the only incident in it is this user's.
    JsonNode incident =
        client
            .await("/api/v1/incidents?size=10", list -> list.get("items").size() == 1, WAIT)
            .get("items")
            .get(0);
    assertThat(incident.at("/entities/users/0").asText()).isEqualTo(user);
    String incidentId = incident.get("id").asText();
    JsonNode approvals =
        client.await(
            "/api/v1/approvals",
            list -> list.findValuesAsText("incidentId").contains(incidentId),
            WAIT);
    String taskId = approvals.get(0).get("id").asText();
    client.postJson("/api/v1/approvals/" + taskId, "{\"decision\": \"approve\"}");

    JsonNode actions =
        client.await(
            "/api/v1/incidents/" + incidentId + "/actions",
            // Every action of the playbook, whether the policy ran it before or after approval.
            a ->
                a.findValuesAsText("type")
                        .containsAll(
                            List.of("DISABLE_ACCOUNT", "REVOKE_SESSIONS", "NOTIFY", "ISOLATE_HOST"))
                    && !a.findValuesAsText("status").contains("PENDING"),
            WAIT);
    assertThat(row(actions, "DISABLE_ACCOUNT")).isEqualTo("ldap DONE");
    assertThat(row(actions, "REVOKE_SESSIONS")).isEqualTo("keycloak DONE");
    assertThat(row(actions, "NOTIFY")).isEqualTo("smtp DONE");
    assertThat(row(actions, "ISOLATE_HOST")).isEqualTo("crowdstrike DONE");

    assertThat(slapd.bind(dn, "pw-" + run)).isEqualTo(49);
    FALCON.verify(1, containmentAction("contain"));
    assertThat(keycloak.tryRefresh(REALM, "app", session.refreshToken()).statusCode())
        .isEqualTo(400);
    MimeMessage[] mails = MAIL.getReceivedMessages();
    List<String> subjects = new ArrayList<>();
    for (MimeMessage mail : mails) {
      subjects.add(mail.getSubject());
    }
    assertThat(subjects).anySatisfy(s -> assertThat(s).contains(incidentId).contains(user));

    // A false positive: what was done is undone at the same servers, and the SOC is told.
    int mailsBefore = mails.length;
    assertThat(
            client.postJson("/api/v1/incidents/" + incidentId + "/false-positive", "{}").status())
        .isEqualTo(202);
    JsonNode undone =
        client.await(
            "/api/v1/incidents/" + incidentId + "/actions",
            a ->
                a.findValuesAsText("type").containsAll(List.of("ENABLE_ACCOUNT", "RELEASE_HOST"))
                    && !a.findValuesAsText("status").contains("PENDING"),
            WAIT);
    assertThat(row(undone, "ENABLE_ACCOUNT")).isEqualTo("ldap DONE");
    assertThat(row(undone, "RELEASE_HOST")).isEqualTo("crowdstrike DONE");
    assertThat(slapd.bind(dn, "pw-" + run)).isZero();
    FALCON.verify(1, containmentAction("lift_containment"));
    FALCON.verify(1, containmentAction("contain"));
    client.await(
        "/api/v1/incidents/" + incidentId,
        i -> i.get("status").asText().equals("false_positive"),
        WAIT);
    assertThat(MAIL.waitForIncomingEmail(WAIT.toMillis(), mailsBefore + 1)).isTrue();

    JsonNode health = client.get("/actuator/health").json().at("/components/connectors");
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.at("/details/ldap/reachable").asBoolean()).isTrue();
    assertThat(health.at("/details/keycloak/reachable").asBoolean()).isTrue();
    assertThat(health.at("/details/smtp/reachable").asBoolean()).isTrue();
    assertThat(health.at("/details/crowdstrike/reachable").asBoolean()).isTrue();
    assertThat(client.get("/actuator/health").body())
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(SMTP_PASSWORD)
        .doesNotContain(FALCON_SECRET)
        .doesNotContain(SlapdServer.ADMIN_PASSWORD);
  }

  private static RequestPatternBuilder containmentAction(String action) {
    return postRequestedFor(urlPathEqualTo("/devices/entities/devices-actions/v2"))
        .withQueryParam("action_name", equalTo(action));
  }

  private static String row(JsonNode actions, String type) {
    for (JsonNode action : actions) {
      if (action.get("type").asText().equals(type)) {
        return action.get("provider").asText() + " " + action.get("status").asText();
      }
    }
    return "missing";
  }
}
