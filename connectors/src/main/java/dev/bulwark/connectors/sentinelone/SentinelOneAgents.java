package dev.bulwark.connectors.sentinelone;

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
 * The SentinelOne management API v2.1 calls network quarantine needs (API reference: Agents, "Get
 * Agents", "Disconnect From Network" and "Connect To Network" in the console's API doc).
 */
final class SentinelOneAgents {

  private final String base;
  private final Secret token;
  private final ProviderHttp http;

  SentinelOneAgents(SentinelOneSettings settings) {
    this.base = settings.baseUrl().toString().replaceAll("/+$", "") + "/web/api/v2.1";
    this.token = settings.apiToken();
    this.http = new ProviderHttp(SentinelOneSettings.PROVIDER, settings.policy().timeout());
  }

  /** The agent of a computer name: its {@code id} and {@code networkStatus}. */
  JsonNode agent(String computerName) {
    JsonNode agents =
        get(
                "/agents?computerName="
                    + URLEncoder.encode(computerName, StandardCharsets.UTF_8)
                    + "&isDecommissioned=false",
                "find agent")
            .path("data");
    if (!agents.isArray() || agents.isEmpty()) {
      throw new ConnectorFailure(
          SentinelOneSettings.PROVIDER,
          FailureKind.NOT_FOUND,
          "no SentinelOne agent named " + computerName);
    }
    return agents.get(0);
  }

  /**
   * {@code disconnect} or {@code connect}; SentinelOne answers how many agents the filter matched,
   * and none means the agent is gone.
   */
  void action(String agentId, String action) {
    String operation = action + " agent";
    JsonNode answer =
        http.json(
            http.send(
                authorized("/agents/actions/" + action)
                    .header("Content-Type", "application/json")
                    .POST(ProviderHttp.jsonBody(Map.of("filter", Map.of("ids", List.of(agentId)))))
                    .build(),
                operation),
            operation);
    if (answer.path("data").path("affected").asInt(0) < 1) {
      throw new ConnectorFailure(
          SentinelOneSettings.PROVIDER,
          FailureKind.NOT_FOUND,
          operation + ": SentinelOne affected no agent with id " + agentId);
    }
  }

  /** One agent listed: the token is accepted and may read agents. */
  void probe() {
    get("/agents?limit=1", "list agents");
  }

  private JsonNode get(String pathAndQuery, String operation) {
    return http.getJson(URI.create(base + pathAndQuery), "ApiToken " + token.reveal(), operation);
  }

  private HttpRequest.Builder authorized(String pathAndQuery) {
    return http.request(URI.create(base + pathAndQuery))
        .header("Authorization", "ApiToken " + token.reveal());
  }
}
