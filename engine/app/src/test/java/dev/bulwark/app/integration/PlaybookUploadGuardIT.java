package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Camunda's REST API can deploy BPMN: even an ADMIN cannot slip a script task in that way, because
 * every deployment passes the BPMN guard first. (The file is kept as {@code .bpmn.txt}: Camunda
 * auto-deploys every {@code .bpmn} on the classpath at start-up, where the guard would stop it.)
 */
@EngineIT
class PlaybookUploadGuardIT {

  @LocalServerPort int port;

  @Test
  void aScriptTaskDeployedThroughTheCamundaRestApiIsRefused() throws IOException {
    BulwarkClient admin = new BulwarkClient(port);
    String boundary = "bulwark-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
                + "evil\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"data\";"
                + " filename=\"script_task.bpmn\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    try (InputStream bpmn = getClass().getResourceAsStream("/playbooks/script_task.bpmn.txt")) {
      body.write(bpmn.readAllBytes());
    }
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

    var response =
        admin.post(
            "/engine-rest/deployment/create",
            "multipart/form-data; boundary=" + boundary,
            body.toByteArray());

    assertThat(response.status()).as(response.body()).isBetween(400, 599);
    assertThat(response.body()).contains("BULWARK-7020").contains("is a script task");
    assertThat(
            admin.get("/engine-rest/process-definition/count?key=evil").json().get("count").asInt())
        .isZero();
  }
}
