package dev.bulwark.connectors.crowdstrike;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;

/**
 * How Bulwark reaches the CrowdStrike Falcon API.
 *
 * @param baseUrl the cloud's API host, e.g. {@code https://api.crowdstrike.com} (US-1) or {@code
 *     https://api.eu-1.crowdstrike.com}
 * @param clientId an API client with the scope <em>Hosts: Read and Write</em>
 * @param clientSecret from the environment ({@code BULWARK_CROWDSTRIKE_CLIENT_SECRET})
 */
public record CrowdStrikeSettings(
    URI baseUrl, String clientId, Secret clientSecret, boolean dryRun, PolicySettings policy) {

  public static final String PROVIDER = "crowdstrike";

  public CrowdStrikeSettings {
    if (baseUrl == null) {
      throw new IllegalArgumentException("bulwark.connectors.crowdstrike.base-url is required");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("bulwark.connectors.crowdstrike.client-id is required");
    }
    if (!dryRun && (clientSecret == null || clientSecret.isEmpty())) {
      throw new IllegalArgumentException(
          "bulwark.connectors.crowdstrike.client-secret is required"
              + " (set BULWARK_CROWDSTRIKE_CLIENT_SECRET)");
    }
  }
}
