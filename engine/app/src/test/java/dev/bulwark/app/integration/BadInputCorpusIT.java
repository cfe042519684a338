package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input}, expectations in {@code cases.csv}):
 * each file is answered with a clean problem document, nothing is half-stored, and the engine goes
 * on serving. Inputs too big to keep as files are generated here.
 */
@EngineIT
class BadInputCorpusIT {

  @LocalServerPort int port;
  private BulwarkClient client;
  private final String run = UUID.randomUUID().toString();

  @BeforeEach
  void connect() {
    client = new BulwarkClient(port);
  }

  @ParameterizedTest(name = "{0} -> {2} {3}")
  @CsvFileSource(resources = "/bad-input/cases.csv")
  void eachCorpusFileIsAnsweredCleanlyAndLosesNothing(
      String file, String contentType, int status, String problemType) throws IOException {
    byte[] body = corpus(file);
    long before = received();

    var response = client.post("/api/v1/alerts", contentType, body);

    assertThat(response.status()).as(response.body()).isEqualTo(status);
    if (status >= 400) {
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.json().get("type").asText())
          .isEqualTo("https://bulwark.dev/problems/" + problemType);
      assertThat(response.json().get("detail").asText()).isNotBlank();
      assertThat(response.json().get("committed").asInt()).isZero();
      assertThat(received()).as("nothing stored").isEqualTo(before);
    } else {
      assertThat(received()).isEqualTo(before + 1);
    }
    assertThat(client.get("/api/v1/status").status()).as("still serving").isEqualTo(200);
  }

  @Test
  void aChunkedBodyWithNoLengthIsCutOffAtTheLimit() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "X-API-Key: dev-intake-key\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[1024 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      String status = null;
      try {
        for (int i = 0; i < 12; i++) {
          out.write(
              (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } catch (IOException closedEarly) {
        // The engine may close the connection as soon as it has answered: that is the point.
      }
      status = statusLine(socket.getInputStream());
      assertThat(status).startsWith("HTTP/1.1 413");
    }
    assertThat(client.get("/api/v1/status").status()).isEqualTo(200);
  }

  @Test
  void aSingleHugeStringOverTheBodyLimitIs413() {
    String huge = "x".repeat(11 * 1024 * 1024);
    String alert = "{\"@timestamp\":\"2026-11-20T09:00:00Z\",\"message\":\"" + huge + "\"}";

    var response = client.postJson("/api/v1/alerts", alert);

    assertThat(response.status()).isEqualTo(413);
  }

  @Test
  void aLongStringWithinTheLimitIsAccepted() {
    String alert =
        "{\"@timestamp\":\"2026-11-20T09:00:00Z\",\"event\":{\"id\":\"long-"
            + run
            + "\"},\"message\":\""
            + "y".repeat(2 * 1024 * 1024)
            + "\"}";

    assertThat(client.postJson("/api/v1/alerts", alert).status()).isEqualTo(202);
  }

  private byte[] corpus(String file) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/bad-input/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
          .replace("${run}", run)
          .getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    return line.toString().strip();
  }

  private long received() {
    return client.get("/api/v1/status").json().at("/journal/received").asLong();
  }
}
