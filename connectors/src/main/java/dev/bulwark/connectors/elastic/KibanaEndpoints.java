package dev.bulwark.connectors.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.ProviderHttp;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The Kibana Security endpoint management API calls isolation needs (API reference: "Get metadata
 * list", "Isolate an endpoint" and "Release an isolated endpoint" in the Kibana Security API docs).
 */
final class KibanaEndpoints {

  private final String base;
  private final Secret apiKey;
  private final ProviderHttp http;

  KibanaEndpoints(ElasticDefendSettings settings) {
    this.base = settings.kibanaUrl().toString().replaceAll("/+$", "") + "/api/endpoint";
    this.apiKey = settings.apiKey();
    this.http = new ProviderHttp(ElasticDefendSettings.PROVIDER, settings.policy().timeout());
  }

  /**
   * The metadata of the endpoint with the hostname: {@code metadata.agent.id} and {@code
   * metadata.Endpoint.state.isolation} among others.
   */
  JsonNode endpoint(String hostname) {
    String kuery = "united.endpoint.host.hostname:\"" + hostname.replace("\"", "\\\"") + "\"";
    JsonNode endpoints =
        get("/metadata?kuery=" + URLEncoder.encode(kuery, StandardCharsets.UTF_8), "find endpoint")
            .path("data");
    if (!endpoints.isArray() || endpoints.isEmpty()) {
      throw new ConnectorFailure(
          ElasticDefendSettings.PROVIDER,
          FailureKind.NOT_FOUND,
          "no Elastic Defend endpoint named " + hostname);
    }
    return endpoints.get(0);
  }

  /** {@code isolate} or {@code unisolate}; Kibana answers the action it queued for the agent. */
  void action(String endpointId, String command, String comment) {
    http.send(
        authorized("/action/" + command)
            .header("Content-Type", "application/json")
            .header("kbn-xsrf", "true")
            .POST(
                ProviderHttp.jsonBody(
                    Map.of("endpoint_ids", List.of(endpointId), "comment", comment)))
            .build(),
        command + " endpoint");
  }

  /** One endpoint listed: the key is accepted and may read endpoints. */
  void probe() {
    get("/metadata?pageSize=1", "list endpoints");
  }

  private JsonNode get(String pathAndQuery, String operation) {
    return http.getJson(URI.create(base + pathAndQuery), "ApiKey " + apiKey.reveal(), operation);
  }

  private HttpRequest.Builder authorized(String pathAndQuery) {
    return http.request(URI.create(base + pathAndQuery))
        .header("Authorization", "ApiKey " + apiKey.reveal());
  }
}
