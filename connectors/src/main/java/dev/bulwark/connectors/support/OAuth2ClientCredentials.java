package dev.bulwark.connectors.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * An OAuth2 client-credentials token, fetched once and reused until shortly before it expires; a
 * 401 from the provider drops it so the next call fetches a fresh one.
 */
public final class OAuth2ClientCredentials {

  /** A token this close to expiry is renewed rather than sent. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

  private final ProviderHttp http;
  private final URI tokenEndpoint;
  private final String clientId;
  private final Secret clientSecret;
  private final String scope;
  private final Clock clock;
  private String token;
  private Instant expiresAt = Instant.MIN;
  private int fetches;

  public OAuth2ClientCredentials(
      ProviderHttp http, URI tokenEndpoint, String clientId, Secret clientSecret, String scope) {
    this(http, tokenEndpoint, clientId, clientSecret, scope, Clock.systemUTC());
  }

  OAuth2ClientCredentials(
      ProviderHttp http,
      URI tokenEndpoint,
      String clientId,
      Secret clientSecret,
      String scope,
      Clock clock) {
    this.http = http;
    this.tokenEndpoint = tokenEndpoint;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.scope = scope;
    this.clock = clock;
  }

  /** A valid access token, from the cache when it has one. */
  public synchronized String accessToken() {
    if (token == null || !clock.instant().isBefore(expiresAt.minus(EXPIRY_MARGIN))) {
      fetch();
    }
    return token;
  }

  /** Forgets the token, e.g. after the provider refused it. */
  public synchronized void invalidate() {
    token = null;
  }

  /** Calls with a token; on 401 fetches a new token and calls once more. */
  public <T> T withToken(Function<String, T> call) {
    try {
      return call.apply(accessToken());
    } catch (ConnectorFailure failure) {
      if (failure.kind() != FailureKind.UNAUTHORIZED) {
        throw failure;
      }
      invalidate();
      return call.apply(accessToken());
    }
  }

  /** How many tokens were fetched; the cache is working when this stays at one. */
  public synchronized int fetches() {
    return fetches;
  }

  private void fetch() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", clientId);
    form.put("client_secret", clientSecret.reveal());
    if (scope != null && !scope.isBlank()) {
      form.put("scope", scope);
    }
    var response =
        http.send(
            http.request(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(ProviderHttp.formBody(form))
                .build(),
            "token for client " + clientId);
    JsonNode body = http.json(response, "token for client " + clientId);
    token = body.path("access_token").asText(null);
    if (token == null) {
      throw new ConnectorFailure(
          "oauth2", FailureKind.REJECTED, "token endpoint answered without access_token");
    }
    expiresAt = clock.instant().plusSeconds(body.path("expires_in").asLong(60));
    fetches++;
  }
}
