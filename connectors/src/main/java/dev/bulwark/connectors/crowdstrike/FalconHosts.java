package dev.bulwark.connectors.crowdstrike;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.OAuth2ClientCredentials;
import dev.bulwark.connectors.support.ProviderHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The Falcon Hosts API calls containment needs (API reference: "Hosts" and "OAuth2 auth token" in
 * the CrowdStrike Falcon API swagger, {@code /devices/...} and {@code /oauth2/token}).
 */
final class FalconHosts {

  private final String base;
  private final ProviderHttp http;
  private final OAuth2ClientCredentials token;

  FalconHosts(CrowdStrikeSettings settings) {
    this.base = settings.baseUrl().toString().replaceAll("/+$", "");
    this.http = new ProviderHttp(CrowdStrikeSettings.PROVIDER, settings.policy().timeout());
    this.token =
        new OAuth2ClientCredentials(
            http,
            URI.create(base + "/oauth2/token"),
            settings.clientId(),
            settings.clientSecret(),
            null);
  }

  /** The device id of a hostname; a typed 404 when Falcon knows no such host. */
  String deviceId(String hostname) {
    String filter = URLEncoder.encode("hostname:'" + hostname + "'", StandardCharsets.UTF_8);
    JsonNode ids =
        get("/devices/queries/devices/v1?filter=" + filter, "find host").path("resources");
    if (!ids.isArray() || ids.isEmpty()) {
      throw new ConnectorFailure(
          CrowdStrikeSettings.PROVIDER, FailureKind.NOT_FOUND, "no Falcon host named " + hostname);
    }
    return ids.get(0).asText();
  }

  /**
   * {@code normal}, {@code containment_pending}, {@code contained} or {@code
   * lift_containment_pending}.
   */
  String containmentStatus(String deviceId) {
    return get("/devices/entities/devices/v2?ids=" + deviceId, "read host")
        .path("resources")
        .path(0)
        .path("status")
        .asText("normal");
  }

  /** {@code contain} or {@code lift_containment}; Falcon answers 202 Accepted. */
  void action(String deviceId, String actionName) {
    token.withToken(
        t ->
            http.send(
                http.request(
                        URI.create(
                            base
                                + "/devices/entities/devices-actions/v2?action_name="
                                + actionName))
                    .header("Authorization", "Bearer " + t)
                    .header("Content-Type", "application/json")
                    .POST(ProviderHttp.jsonBody(Map.of("ids", List.of(deviceId))))
                    .build(),
                actionName + " host"));
  }

  void probe() {
    token.accessToken();
  }

  int tokenFetches() {
    return token.fetches();
  }

  private JsonNode get(String path, String operation) {
    return token.withToken(t -> http.getJson(URI.create(base + path), "Bearer " + t, operation));
  }
}
