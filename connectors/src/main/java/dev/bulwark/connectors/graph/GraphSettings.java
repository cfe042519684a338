package dev.bulwark.connectors.graph;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;

/**
 * How Bulwark reaches Microsoft Entra ID through Microsoft Graph.
 *
 * @param graphUrl {@code https://graph.microsoft.com} (or a national cloud's Graph host)
 * @param loginUrl {@code https://login.microsoftonline.com} (or a national cloud's login host)
 * @param tenantId the directory (tenant) id or a verified domain of the tenant
 * @param clientId the application (client) id of an app registration holding the application
 *     permissions in connectors/docs/graph.md
 * @param clientSecret from the environment ({@code BULWARK_GRAPH_CLIENT_SECRET})
 * @param scope the client-credentials scope; {@code https://graph.microsoft.com/.default}
 */
public record GraphSettings(
    URI graphUrl,
    URI loginUrl,
    String tenantId,
    String clientId,
    Secret clientSecret,
    String scope,
    boolean dryRun,
    PolicySettings policy) {

  public static final String PROVIDER = "graph";
  public static final URI DEFAULT_GRAPH_URL = URI.create("https://graph.microsoft.com");
  public static final URI DEFAULT_LOGIN_URL = URI.create("https://login.microsoftonline.com");
  public static final String DEFAULT_SCOPE = "https://graph.microsoft.com/.default";

  public GraphSettings {
    if (graphUrl == null) {
      graphUrl = DEFAULT_GRAPH_URL;
    }
    if (loginUrl == null) {
      loginUrl = DEFAULT_LOGIN_URL;
    }
    if (scope == null || scope.isBlank()) {
      scope = DEFAULT_SCOPE;
    }
    if (tenantId == null || tenantId.isBlank()) {
      throw new IllegalArgumentException("bulwark.connectors.graph.tenant-id is required");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("bulwark.connectors.graph.client-id is required");
    }
    if (!dryRun && (clientSecret == null || clientSecret.isEmpty())) {
      throw new IllegalArgumentException(
          "bulwark.connectors.graph.client-secret is required (set BULWARK_GRAPH_CLIENT_SECRET)");
    }
  }
}
