package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every endpoint against every kind of caller, from {@code security/authorization-matrix.csv}. The
 * Camunda webapps' API has its own session login, so a Basic header does not get in there.
 */
@EngineIT
class AuthorizationMatrixIT {

  @LocalServerPort int port;
  private BulwarkClient admin;
  private final String run = UUID.randomUUID().toString();

  @BeforeEach
  void connect() {
    admin = new BulwarkClient(port);
  }

  @ParameterizedTest(
      name =
          "{0} {1}: anonymous {3}, wrong key {4}, intake {5}, viewer {6}, analyst {7}, admin {8}")
  @CsvFileSource(resources = "/security/authorization-matrix.csv", delimiter = ',')
  void eachCallerGetsTheStatusItsRoleAllows(
      String method,
      String path,
      String body,
      int anonymous,
      int wrongKey,
      int intake,
      int viewer,
      int analyst,
      int adminStatus) {
    expect("anonymous", admin.anonymous(), method, path, body, anonymous);
    expect("wrong key", admin.withApiKey("not-a-key"), method, path, body, wrongKey);
    expect(
        "intake key", admin.withApiKey(BulwarkClient.DEV_INTAKE_KEY), method, path, body, intake);
    expect("viewer", admin.as("viewer", "viewer"), method, path, body, viewer);
    expect("analyst", admin.as("analyst", "analyst"), method, path, body, analyst);
    expect("admin", admin.as("admin", "admin"), method, path, body, adminStatus);
  }

  private void expect(
      String caller, BulwarkClient client, String method, String path, String body, int status) {
    BulwarkClient.Response response = call(client, method, path, body);
    assertThat(response.status()).as("%s: %s", caller, response.body()).isEqualTo(status);
  }

  private BulwarkClient.Response call(
      BulwarkClient client, String method, String path, String body) {
    String id = UUID.randomUUID().toString();
    String resolved = path.replace("{id}", id);
    String json =
        switch (body == null ? "" : body) {
          case "alert" ->
              TestAlerts.load("high_risk_siem_alert.json", "mx-" + id.substring(0, 8), id);
          case "decision" -> "{\"decision\": \"approve\", \"comment\": \"matrix\"}";
          case "key" -> "{\"source\": \"matrix-" + run.substring(0, 8) + "\"}";
          case "group" ->
              "{\"id\": \"m-" + id.substring(0, 8) + "\", \"name\": \"m\", \"type\": \"m\"}";
          default -> method.equals("GET") || method.equals("DELETE") ? null : "{}";
        };
    if (method.equals("POST") && path.equals("/api/v1/alerts")) {
      return client.postJson(resolved, json);
    }
    return client.request(method, resolved, json);
  }
}
