package dev.bulwark.connectors.defender;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.OAuth2ClientCredentials;
import dev.bulwark.connectors.support.ProviderHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The Defender for Endpoint API calls isolation needs (API reference: "List machines", "List
 * MachineActions", "Isolate machine" and "Release device from isolation" on learn.microsoft.com,
 * {@code /api/machines...} and {@code /api/machineactions}; the token from the Microsoft identity
 * platform's client-credentials flow).
 */
final class DefenderMachines {

  private final String api;
  private final ProviderHttp http;
  private final OAuth2ClientCredentials token;

  DefenderMachines(DefenderSettings settings) {
    this.api = trim(settings.apiUrl());
    this.http = new ProviderHttp(DefenderSettings.PROVIDER, settings.policy().timeout());
    this.token =
        new OAuth2ClientCredentials(
            http,
            URI.create(
                trim(settings.loginUrl()) + "/" + settings.tenantId() + "/oauth2/v2.0/token"),
            settings.clientId(),
            settings.clientSecret(),
            DefenderSettings.SCOPE);
  }

  /**
   * The machine id of a DNS name; when Defender lists the name more than once (a re-onboarded
   * device), the one seen last.
   */
  String machineId(String computerDnsName) {
    JsonNode machines =
        get("/api/machines?$filter=" + odata("computerDnsName eq '" + quote(computerDnsName) + "'"))
            .path("value");
    return StreamSupport.stream(machines.spliterator(), false)
        .max(Comparator.comparing(m -> m.path("lastSeen").asText("")))
        .map(m -> m.path("id").asText())
        .orElseThrow(
            () ->
                new ConnectorFailure(
                    DefenderSettings.PROVIDER,
                    FailureKind.NOT_FOUND,
                    "no Defender machine named " + computerDnsName));
  }

  /**
   * The latest isolation action on the machine that did not fail ({@code Isolate} or {@code
   * Unisolate}, with its status {@code Pending}, {@code InProgress} or {@code Succeeded}); empty
   * when it was never isolated.
   */
  Optional<JsonNode> lastIsolationAction(String machineId) {
    JsonNode actions =
        get("/api/machineactions?$filter=" + odata("machineId eq '" + quote(machineId) + "'"))
            .path("value");
    return StreamSupport.stream(actions.spliterator(), false)
        .filter(a -> a.path("type").asText().matches("Isolate|Unisolate"))
        .filter(a -> a.path("status").asText().matches("Pending|InProgress|Succeeded"))
        .max(Comparator.comparing(a -> a.path("creationDateTimeUtc").asText("")));
  }

  /** {@code isolate} or {@code unisolate}; Defender answers 201 with the machine action. */
  void action(String machineId, String action, String comment, String isolationType) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("Comment", comment);
    if (isolationType != null) {
      body.put("IsolationType", isolationType);
    }
    token.withToken(
        t ->
            http.send(
                http.request(URI.create(api + "/api/machines/" + machineId + "/" + action))
                    .header("Authorization", "Bearer " + t)
                    .header("Content-Type", "application/json")
                    .POST(ProviderHttp.jsonBody(body))
                    .build(),
                action + " machine"));
  }

  void probe() {
    token.accessToken();
  }

  int tokenFetches() {
    return token.fetches();
  }

  private JsonNode get(String pathAndQuery) {
    String operation = "read " + pathAndQuery.substring(0, pathAndQuery.indexOf('?'));
    return token.withToken(
        t -> http.getJson(URI.create(api + pathAndQuery), "Bearer " + t, operation));
  }

  /** OData wants {@code %20}, not {@code +}, for a space. */
  private static String odata(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** An OData string literal doubles its single quotes. */
  private static String quote(String value) {
    return value.replace("'", "''");
  }

  private static String trim(URI uri) {
    return uri.toString().replaceAll("/+$", "");
  }
}
