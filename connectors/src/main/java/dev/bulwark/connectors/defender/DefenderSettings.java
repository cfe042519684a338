package dev.bulwark.connectors.defender;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;

/**
 * How Bulwark reaches the Microsoft Defender for Endpoint API.
 *
 * @param apiUrl {@code https://api.securitycenter.microsoft.com}, or a regional host such as {@code
 *     https://eu.api.security.microsoft.com}
 * @param loginUrl {@code https://login.microsoftonline.com} (another for national clouds)
 * @param tenantId the Entra ID tenant of the app registration
 * @param clientId an app registration with the application permissions <em>Machine.Read.All</em>
 *     and <em>Machine.Isolate</em>
 * @param clientSecret from the environment ({@code BULWARK_DEFENDER_CLIENT_SECRET})
 * @param isolationType {@code Full} or {@code Selective} (Outlook, Teams and Skype keep working)
 */
public record DefenderSettings(
    URI apiUrl,
    URI loginUrl,
    String tenantId,
    String clientId,
    Secret clientSecret,
    String isolationType,
    boolean dryRun,
    PolicySettings policy) {

  public static final String PROVIDER = "defender";
  public static final URI DEFAULT_API_URL = URI.create("https://api.securitycenter.microsoft.com");
  public static final URI DEFAULT_LOGIN_URL = URI.create("https://login.microsoftonline.com");
  public static final String SCOPE = "https://api.securitycenter.microsoft.com/.default";

  public DefenderSettings {
    if (apiUrl == null) {
      throw new IllegalArgumentException("bulwark.connectors.defender.api-url is required");
    }
    if (loginUrl == null) {
      throw new IllegalArgumentException("bulwark.connectors.defender.login-url is required");
    }
    if (tenantId == null || tenantId.isBlank()) {
      throw new IllegalArgumentException("bulwark.connectors.defender.tenant-id is required");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("bulwark.connectors.defender.client-id is required");
    }
    if (!"Full".equals(isolationType) && !"Selective".equals(isolationType)) {
      throw new IllegalArgumentException(
          "bulwark.connectors.defender.isolation-type must be Full or Selective, got '"
              + isolationType
              + "'");
    }
    if (!dryRun && (clientSecret == null || clientSecret.isEmpty())) {
      throw new IllegalArgumentException(
          "bulwark.connectors.defender.client-secret is required"
              + " (set BULWARK_DEFENDER_CLIENT_SECRET)");
    }
  }
}
