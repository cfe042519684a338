package dev.bulwark.connectors.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * HTTP calls to one provider with its timeout, turning every answer that is not a success into a
 * typed {@link ConnectorFailure}. Error bodies are cut short in messages; request bodies, which may
 * carry credentials, never appear in them.
 */
public final class ProviderHttp {

  private static final int MAX_BODY_IN_MESSAGE = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String provider;
  private final Duration timeout;
  private final HttpClient client;
  private final boolean urlIsSecret;

  public ProviderHttp(String provider, Duration timeout) {
    this(provider, timeout, false);
  }

  /**
   * @param urlIsSecret the URL itself is the credential (a Teams or Slack incoming webhook):
   *     messages then name only the host, never the path
   */
  public ProviderHttp(String provider, Duration timeout, boolean urlIsSecret) {
    this.provider = provider;
    this.timeout = timeout;
    this.urlIsSecret = urlIsSecret;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A request builder with this provider's timeout. */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(timeout);
  }

  /**
   * Sends the request; answers it when its status is 2xx or one of {@code accepted} (e.g. 404 where
   * "gone" is the goal), throws a typed failure otherwise.
   */
  public HttpResponse<String> send(HttpRequest request, String operation, Set<Integer> accepted) {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ConnectorFailure(
          provider,
          FailureKind.TIMEOUT,
          operation + ": no answer from " + where(request) + " within " + timeout,
          null,
          e);
    } catch (IOException e) {
      throw new ConnectorFailure(
          provider,
          FailureKind.UNREACHABLE,
          operation + ": cannot reach " + where(request) + " (" + e + ")",
          null,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorFailure(
          provider, FailureKind.TIMEOUT, operation + ": interrupted", null, e);
    }
    int status = response.statusCode();
    if ((status >= 200 && status < 300) || accepted.contains(status)) {
      return response;
    }
    throw failure(response, operation);
  }

  public HttpResponse<String> send(HttpRequest request, String operation) {
    return send(request, operation, Set.of());
  }

  /** A GET sending the given {@code Authorization} value, its answer parsed as JSON. */
  public JsonNode getJson(URI uri, String authorization, String operation) {
    HttpRequest request =
        request(uri)
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .GET()
            .build();
    return json(send(request, operation), operation);
  }

  /** Parses a JSON body, or fails naming the operation. */
  public JsonNode json(HttpResponse<String> response, String operation) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ConnectorFailure(
          provider,
          FailureKind.REJECTED,
          operation + ": answer is not JSON: " + shorten(response.body()),
          null,
          e);
    }
  }

  /** A JSON body for a request. */
  public static HttpRequest.BodyPublisher jsonBody(Object value) {
    try {
      return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** An {@code application/x-www-form-urlencoded} body. */
  public static HttpRequest.BodyPublisher formBody(Map<String, String> fields) {
    return HttpRequest.BodyPublishers.ofString(
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&")));
  }

  ConnectorFailure failure(HttpResponse<String> response, String operation) {
    int status = response.statusCode();
    String message =
        operation
            + ": "
            + where(response.request())
            + " answered "
            + status
            + " "
            + shorten(response.body());
    FailureKind kind =
        switch (status) {
          case 401 -> FailureKind.UNAUTHORIZED;
          case 403 -> FailureKind.FORBIDDEN;
          case 404 -> FailureKind.NOT_FOUND;
          case 408 -> FailureKind.TIMEOUT;
          case 429 -> FailureKind.RATE_LIMITED;
          default -> status >= 500 ? FailureKind.SERVER_ERROR : FailureKind.REJECTED;
        };
    Duration retryAfter =
        response
            .headers()
            .firstValue("Retry-After")
            .map(ProviderHttp::retryAfter)
            .or(
                () ->
                    response
                        .headers()
                        .firstValue("X-RateLimit-RetryAfter")
                        .map(ProviderHttp::retryAtEpochSecond))
            .or(
                // Okta sends X-Rate-Limit-Reset on every answer; it is a wait only on a 429.
                () ->
                    status == 429
                        ? response
                            .headers()
                            .firstValue("X-Rate-Limit-Reset")
                            .map(ProviderHttp::retryAtEpochSecond)
                        : java.util.Optional.empty())
            .orElse(null);
    return new ConnectorFailure(provider, kind, message, retryAfter, null);
  }

  /** {@code Retry-After} is either delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
  static Duration retryAfter(String value) {
    String trimmed = value.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  /**
   * CrowdStrike's {@code X-RateLimit-RetryAfter} and Okta's {@code X-Rate-Limit-Reset}: the epoch
   * second from which to retry.
   */
  static Duration retryAtEpochSecond(String value) {
    try {
      long wait = Long.parseLong(value.trim()) - java.time.Instant.now().getEpochSecond();
      return Duration.ofSeconds(Math.max(0, wait));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private String where(HttpRequest request) {
    URI uri = request.uri();
    if (urlIsSecret) {
      return request.method() + " " + uri.getScheme() + "://" + uri.getAuthority() + "/...";
    }
    // The path only: query strings may carry tokens.
    return request.method() + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
  }

  private static String shorten(String body) {
    if (body == null) {
      return "";
    }
    String flat = body.replaceAll("\\s+", " ").trim();
    return flat.length() <= MAX_BODY_IN_MESSAGE
        ? flat
        : flat.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }
}
