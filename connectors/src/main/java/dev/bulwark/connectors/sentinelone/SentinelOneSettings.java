package dev.bulwark.connectors.sentinelone;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;

/**
 * How Bulwark reaches the SentinelOne management API.
 *
 * @param baseUrl the management console, e.g. {@code https://usea1-acme.sentinelone.net}
 * @param apiToken a service user's API token with the role to disconnect endpoints, from the
 *     environment ({@code BULWARK_SENTINELONE_API_TOKEN})
 */
public record SentinelOneSettings(
    URI baseUrl, Secret apiToken, boolean dryRun, PolicySettings policy) {

  public static final String PROVIDER = "sentinelone";

  public SentinelOneSettings {
    if (baseUrl == null) {
      throw new IllegalArgumentException("bulwark.connectors.sentinelone.base-url is required");
    }
    if (!dryRun && (apiToken == null || apiToken.isEmpty())) {
      throw new IllegalArgumentException(
          "bulwark.connectors.sentinelone.api-token is required"
              + " (set BULWARK_SENTINELONE_API_TOKEN)");
    }
  }
}
