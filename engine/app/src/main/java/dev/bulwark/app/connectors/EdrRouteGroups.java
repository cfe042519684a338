package dev.bulwark.app.connectors;

import dev.bulwark.connectors.defender.DefenderHostRoutes;
import dev.bulwark.connectors.defender.DefenderSettings;
import dev.bulwark.connectors.elastic.ElasticDefendHostRoutes;
import dev.bulwark.connectors.elastic.ElasticDefendSettings;
import dev.bulwark.connectors.sentinelone.SentinelOneHostRoutes;
import dev.bulwark.connectors.sentinelone.SentinelOneSettings;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.core.action.ActionType;
import java.net.URI;
import java.util.Set;

/** The route groups of the EDRs besides CrowdStrike, built from {@link EdrProperties}. */
final class EdrRouteGroups {

  private EdrRouteGroups() {}

  static ProviderRoutes defender(ConnectorProperties p, Set<ActionType> actions) {
    EdrProperties.Defender d = p.getDefender();
    return new DefenderHostRoutes(
        new DefenderSettings(
            url("defender.api-url", d.getApiUrl()),
            url("defender.login-url", d.getLoginUrl()),
            d.getTenantId(),
            d.getClientId(),
            Secret.of(d.getClientSecret()),
            d.getIsolationType(),
            d.isDryRun(),
            d.toSettings()),
        actions);
  }

  static ProviderRoutes sentinelOne(ConnectorProperties p, Set<ActionType> actions) {
    EdrProperties.SentinelOne s = p.getSentinelone();
    return new SentinelOneHostRoutes(
        new SentinelOneSettings(
            url("sentinelone.base-url", s.getBaseUrl()),
            Secret.of(s.getApiToken()),
            s.isDryRun(),
            s.toSettings()),
        actions);
  }

  static ProviderRoutes elasticDefend(ConnectorProperties p, Set<ActionType> actions) {
    EdrProperties.ElasticDefend e = p.getElasticDefend();
    return new ElasticDefendHostRoutes(
        new ElasticDefendSettings(
            url("elastic-defend.kibana-url", e.getKibanaUrl()),
            Secret.of(e.getApiKey()),
            e.isDryRun(),
            e.toSettings()),
        actions);
  }

  private static URI url(String property, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("bulwark.connectors." + property + " is required");
    }
    try {
      URI uri = URI.create(value.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bulwark.connectors." + property + " must be an http(s) URL, got '" + value + "'", e);
    }
  }
}
