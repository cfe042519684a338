package dev.bulwark.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.alert.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads sample alerts and other test files from the test classpath. */
final class TestAlerts {

  static final ObjectMapper JSON = new ObjectMapper();

  private TestAlerts() {}

  /**
   * The alerts of an NDJSON file of ECS documents, in journal order: line order is arrival order,
   * and the n-th document gets seq n.
   */
  static List<Alert> ndjson(String resource) {
    List<Alert> alerts = new ArrayList<>();
    for (String line : text(resource).lines().filter(line -> !line.isBlank()).toList()) {
      ObjectNode document = (ObjectNode) json(line, resource);
      Instant timestamp = Timestamps.of(document.get("@timestamp"));
      if (timestamp == null) {
        throw new IllegalArgumentException(
            resource + " line " + (alerts.size() + 1) + ": @timestamp is missing or not ISO-8601");
      }
      alerts.add(new Alert(alerts.size() + 1, timestamp, document));
    }
    return alerts;
  }

  static String text(String resource) {
    try (InputStream in = TestAlerts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text, String resource) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(resource + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** A classpath folder as a path; tests run from exploded target folders. */
  static Path folder(String resource) {
    try {
      return Path.of(TestAlerts.class.getClassLoader().getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
