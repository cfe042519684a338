package dev.bulwark.app.integration.elasticsearch;

import dev.bulwark.app.BulwarkApplication;
import dev.bulwark.app.integration.BulwarkClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole engine wired to the real Elasticsearch node of this JVM: sink on, alert source on for
 * {@code bulwark-it-alerts-*}. Every test class that extends this shares one Spring context (the
 * property source is the same), and keeps apart from the others by its own user names and ids.
 */
@SpringBootTest(
    classes = BulwarkApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:bulwark-es-it;DB_CLOSE_DELAY=-1",
      "camunda.bpm.process-engine-name=esit",
      // The webapps keep static state that the shared context owns.
      "camunda.bpm.webapp.enabled=false",
      "bulwark.processor.poll-interval=200ms",
      "bulwark.elasticsearch.sink.flush-interval=200ms",
      "bulwark.elasticsearch.sink.max-retry-interval=1s",
      "bulwark.elasticsearch.source.enabled=true",
      "bulwark.elasticsearch.source.index=" + ElasticsearchEngineTest.ALERTS_PATTERN,
      "bulwark.elasticsearch.source.poll-interval=200ms",
      "bulwark.elasticsearch.source.settle-time=0s",
      "bulwark.elasticsearch.source.batch-size=3"
    })
abstract class ElasticsearchEngineTest {

  static final String ALERTS_PATTERN = "bulwark-it-alerts-*";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @DynamicPropertySource
  static void elasticsearch(DynamicPropertyRegistry registry) {
    registry.add("bulwark.elasticsearch.uris", () -> ElasticsearchNode.shared().uri());
  }

  ElasticsearchNode node() {
    return ElasticsearchNode.shared();
  }

  BulwarkClient client() {
    return new BulwarkClient(port);
  }

  /**
   * Waits until a health component reports the status. {@code /actuator/health} answers 503 while
   * any component is DOWN, so the body is read whatever the status code.
   */
  com.fasterxml.jackson.databind.JsonNode awaitHealth(
      String component, String status, java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    com.fasterxml.jackson.databind.JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = client().get("/actuator/health").json();
      if (status.equals(last.at("/components/" + component + "/status").asText())) {
        return last;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(component + " did not become " + status + "; last health: " + last);
  }

  /** Polls the count until it is the expected one; returns it, or fails with the last value. */
  long awaitCount(long expected, java.time.Duration timeout, String sql, Object... args) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = count(sql, args);
    while (last != expected && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      last = count(sql, args);
    }
    return last;
  }

  long count(String sql, Object... args) {
    Long count = jdbc.queryForObject(sql, Long.class, args);
    return count == null ? 0 : count;
  }

  /** A test resource with {@code ${user}} and {@code ${run}} replaced. */
  static String resource(String path, String user, String run) {
    try (InputStream in = ElasticsearchEngineTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${user}", user)
          .replace("${run}", run);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON on one line, for a bulk body. */
  static String oneLine(String json) {
    try {
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      return mapper.writeValueAsString(mapper.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
