package dev.bulwark.connectors.integration;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The sample incident every notification channel's test sends, and their shared quick policy. */
final class NotifyRequests {

  private NotifyRequests() {}

  /** NOTIFY with the parameters of {@code notify/incident-notification.json}. */
  static ActionRequest incident(String incidentId, String target) {
    return new ActionRequest(incidentId, ActionType.NOTIFY, target, parameters(), null);
  }

  static ActionRequest incident(
      String incidentId, ActionType type, String target, String occasion) {
    return new ActionRequest(incidentId, type, target, parameters(), occasion);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parameters() {
    try (InputStream in =
        NotifyRequests.class.getResourceAsStream("/notify/incident-notification.json")) {
      return new ObjectMapper().readValue(in, Map.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One unmatched request before the tests, so the stub server's first-request costs (Jetty
   * threads, the HTTP/2 upgrade the JDK client offers, compiling every stub's JSONPath) are not
   * charged to a test's timeout on a busy build machine. The request log is reset before each test.
   */
  static void warmUp(String baseUrl) {
    try {
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/__bulwark-warm-up"))
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new IllegalStateException("stub server at " + baseUrl + " does not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Three attempts, short backoff, a 2.5 s timeout (roomy for a cold WireMock on a busy machine)
   * the slow stubs (5 s) exceed.
   */
  static PolicySettings policy() {
    return new PolicySettings(
        Duration.ofMillis(2500),
        3,
        Duration.ofMillis(50),
        Duration.ofMillis(200),
        Duration.ofSeconds(5),
        10,
        Duration.ofSeconds(30));
  }
}
