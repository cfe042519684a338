package dev.bulwark.connectors.elastic;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;

/**
 * How Bulwark reaches Kibana's Elastic Defend response actions.
 *
 * @param kibanaUrl Kibana, e.g. {@code https://kibana.example.com}; with {@code /s/<space>} for a
 *     space other than the default
 * @param apiKey an Elasticsearch API key (the base64 {@code encoded} form) whose role has the
 *     Kibana privileges <em>Endpoint List: Read</em> and <em>Host Isolation: All</em>, from the
 *     environment ({@code BULWARK_ELASTIC_DEFEND_API_KEY})
 */
public record ElasticDefendSettings(
    URI kibanaUrl, Secret apiKey, boolean dryRun, PolicySettings policy) {

  public static final String PROVIDER = "elastic-defend";

  public ElasticDefendSettings {
    if (kibanaUrl == null) {
      throw new IllegalArgumentException(
          "bulwark.connectors.elastic-defend.kibana-url is required");
    }
    if (!dryRun && (apiKey == null || apiKey.isEmpty())) {
      throw new IllegalArgumentException(
          "bulwark.connectors.elastic-defend.api-key is required"
              + " (set BULWARK_ELASTIC_DEFEND_API_KEY)");
    }
  }
}
