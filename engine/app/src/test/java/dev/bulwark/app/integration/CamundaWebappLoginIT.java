package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Camunda webapps log in with their own session and CSRF token rather than per-request
 * credentials, so this test speaks that protocol itself instead of going through BulwarkClient:
 * each role reaches the webapps its Camunda group is authorized for, and nobody gets in without a
 * password.
 */
@EngineIT
class CamundaWebappLoginIT {

  @LocalServerPort int port;

  @Test
  void anAnalystMayLogIntoTheTasklist() throws Exception {
    assertThat(login("analyst", "analyst", "tasklist")).isEqualTo("200");
  }

  @Test
  void aViewerMayLogIntoCockpitButNotTheTasklist() throws Exception {
    assertThat(login("viewer", "viewer", "cockpit")).isEqualTo("200");
    assertThat(login("viewer", "viewer", "tasklist")).isEqualTo("403");
  }

  @Test
  void onlyTheAdminMayLogIntoTheAdminApp() throws Exception {
    assertThat(login("analyst", "analyst", "admin")).isEqualTo("403");
    assertThat(login("admin", "admin", "admin")).isEqualTo("200");
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    assertThat(login("analyst", "guess", "tasklist")).isEqualTo("401");
  }

  @Test
  void aFailedAndASuccessfulLoginAreAuditedWithWhoWhereAndOutcome() throws Exception {
    BulwarkClient admin = new BulwarkClient(port);
    long before = admin.get("/api/v1/audit/verify").json().get("headSeq").asLong();
    String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8);

    assertThat(login(stranger, "guess", "cockpit")).isEqualTo("401");
    assertThat(login("viewer", "viewer", "cockpit")).isEqualTo("200");

    JsonNode records = admin.get("/api/v1/audit?after=" + before + "&limit=1000").json();
    assertThat(records)
        .anySatisfy(
            r -> {
              assertThat(r.get("action").asText()).isEqualTo("login.failed");
              assertThat(r.get("actor").asText()).isEqualTo(stranger);
              assertThat(r.get("origin").asText()).isEqualTo("127.0.0.1");
              assertThat(r.get("details").asText())
                  .contains("\"method\":\"webapp\"")
                  .contains("wrong user name or password")
                  .doesNotContain("guess");
            });
    assertThat(records)
        .anySatisfy(
            r -> {
              assertThat(r.get("action").asText()).isEqualTo("login");
              assertThat(r.get("actor").asText()).isEqualTo("viewer");
              assertThat(r.get("origin").asText()).isEqualTo("127.0.0.1");
              assertThat(r.get("details").asText())
                  .contains("\"method\":\"webapp\"")
                  .contains("\"app\":\"cockpit\"");
            });
    var verified = admin.get("/api/v1/audit/verify");
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().get("valid").asBoolean()).isTrue();
  }

  private String login(String user, String password, String app)
      throws IOException, InterruptedException {
    CookieManager cookies = new CookieManager();
    HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://127.0.0.1:" + port + "/camunda";
    http.send(
        HttpRequest.newBuilder(URI.create(base + "/app/" + app + "/default/")).build(),
        BodyHandlers.discarding());
    String csrf =
        cookies.getCookieStore().getCookies().stream()
            .filter(c -> c.getName().equals("XSRF-TOKEN"))
            .map(HttpCookie::getValue)
            .findFirst()
            .orElseThrow(() -> new AssertionError("the webapp set no XSRF-TOKEN cookie"));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrf)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=" + user + "&password=" + password))
                .build(),
            BodyHandlers.ofString());
    return response.statusCode() + (response.statusCode() >= 500 ? " " + response.body() : "");
  }
}
