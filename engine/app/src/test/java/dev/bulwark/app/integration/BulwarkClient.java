package dev.bulwark.app.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Talks to a running engine over HTTP, as curl would. By default it calls as the embedded {@code
 * admin} (HTTP Basic) and posts alerts with the embedded intake key, as a SIEM would; {@link #as},
 * {@link #withApiKey}, {@link #withBearer} and {@link #anonymous} call as someone else.
 */
public final class BulwarkClient {

  public static final String DEV_INTAKE_KEY = "dev-intake-key";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;
  private final String authorization;
  private final String intakeKey;
  private final String apiKey;

  public BulwarkClient(int port) {
    this("http://127.0.0.1:" + port, basic("admin", "admin"), DEV_INTAKE_KEY, null);
  }

  private BulwarkClient(String base, String authorization, String intakeKey, String apiKey) {
    this.base = base;
    this.authorization = authorization;
    this.intakeKey = intakeKey;
    this.apiKey = apiKey;
  }

  /** Calls everything, alert posts included, as this local user (HTTP Basic). */
  public BulwarkClient as(String user, String password) {
    return new BulwarkClient(base, basic(user, password), null, null);
  }

  /** Calls everything with this key in {@code X-API-Key} and nothing else. */
  public BulwarkClient withApiKey(String key) {
    return new BulwarkClient(base, null, null, key);
  }

  /** Calls everything with this bearer token (an OIDC access token). */
  public BulwarkClient withBearer(String token) {
    return new BulwarkClient(base, "Bearer " + token, null, null);
  }

  /** Calls without any credentials. */
  public BulwarkClient anonymous() {
    return new BulwarkClient(base, null, null, null);
  }

  public Response post(String path, String contentType, byte[] body) {
    return post(path, contentType, body, Map.of());
  }

  /** A POST with extra headers, e.g. a signed webhook's. */
  public Response post(String path, String contentType, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .POST(BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request, !headers.isEmpty() && path.startsWith("/api/v1/alerts"));
  }

  /** Any method, with a JSON body or none. */
  public Response request(String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                json == null
                    ? BodyPublishers.noBody()
                    : BodyPublishers.ofString(json, java.nio.charset.StandardCharsets.UTF_8));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request, false);
  }

  public Response put(String path, String contentType, byte[] body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .PUT(BodyPublishers.ofByteArray(body)),
        false);
  }

  public Response postJson(String path, String json) {
    return post(path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public Response putJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .PUT(BodyPublishers.ofString(json)),
        false);
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), false);
  }

  /** Polls {@code GET path} until its JSON satisfies the condition; fails after the timeout. */
  public JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      Response response = get(path);
      if (response.status() == 200) {
        last = response.json();
        if (condition.test(last)) {
          return last;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(
        "GET " + path + " did not reach the expected state in " + timeout + "; last: " + last);
  }

  private Response send(HttpRequest.Builder builder, boolean selfAuthenticated) {
    HttpRequest unsigned = builder.copy().build();
    boolean alertPost =
        unsigned.method().equals("POST") && unsigned.uri().getPath().equals("/api/v1/alerts");
    if (!selfAuthenticated) {
      if (alertPost && intakeKey != null) {
        builder.header("X-API-Key", intakeKey);
      } else if (authorization != null) {
        builder.header("Authorization", authorization);
      }
      if (apiKey != null) {
        builder.header("X-API-Key", apiKey);
      }
    }
    try {
      HttpResponse<String> response = HTTP.send(builder.build(), BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A response, its body parsed on demand. */
  public record Response(
      int status, String contentType, String body, Map<String, List<String>> headers) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }

    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }
}
