package dev.bulwark.connectors.pagerduty;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;
import java.util.Map;

/**
 * How Bulwark pages through the PagerDuty Events API v2.
 *
 * @param baseUrl {@code https://events.pagerduty.com} ({@code https://events.eu.pagerduty.com} for
 *     an EU account)
 * @param routingKey the integration key of an Events API v2 integration on a service, from the
 *     environment ({@code BULWARK_PAGERDUTY_ROUTING_KEY}); used for every target not in {@code
 *     routingKeys}
 * @param routingKeys integration keys per channel name a playbook notifies (e.g. {@code on-call}),
 *     each from the environment
 * @param source the {@code payload.source} PagerDuty shows: where the event comes from
 * @param linksBaseUrl the engine's public URL, for approve/reject links
 */
public record PagerDutySettings(
    URI baseUrl,
    Secret routingKey,
    Map<String, Secret> routingKeys,
    String source,
    String linksBaseUrl,
    boolean dryRun,
    PolicySettings policy) {

  public static final String PROVIDER = "pagerduty";
  public static final URI DEFAULT_BASE_URL = URI.create("https://events.pagerduty.com");

  public PagerDutySettings {
    if (baseUrl == null) {
      baseUrl = DEFAULT_BASE_URL;
    }
    routingKeys = routingKeys == null ? Map.of() : Map.copyOf(routingKeys);
    if (!dryRun
        && (routingKey == null || routingKey.isEmpty())
        && (routingKeys.isEmpty() || routingKeys.values().stream().anyMatch(Secret::isEmpty))) {
      throw new IllegalArgumentException(
          "bulwark.connectors.pagerduty.routing-key is required"
              + " (set BULWARK_PAGERDUTY_ROUTING_KEY), or routing-keys for every channel");
    }
    if (source == null || source.isBlank()) {
      source = "bulwark";
    }
  }

  /** The key for a target: its own, else the default one. */
  Secret routingKeyFor(String target) {
    Secret own = routingKeys.get(target);
    return own != null && !own.isEmpty() ? own : routingKey;
  }
}
