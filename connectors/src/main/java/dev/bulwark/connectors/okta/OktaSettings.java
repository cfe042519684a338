package dev.bulwark.connectors.okta;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;

/**
 * How Bulwark reaches an Okta org.
 *
 * @param orgUrl the org's URL, e.g. {@code https://example.okta.com} (no {@code /api/v1} suffix)
 * @param apiToken an API token of an administrator holding the permissions in
 *     connectors/docs/okta.md, from the environment ({@code BULWARK_OKTA_API_TOKEN}); sent as
 *     {@code Authorization: SSWS <token>}
 */
public record OktaSettings(URI orgUrl, Secret apiToken, boolean dryRun, PolicySettings policy) {

  public static final String PROVIDER = "okta";

  public OktaSettings {
    if (orgUrl == null) {
      throw new IllegalArgumentException("bulwark.connectors.okta.org-url is required");
    }
    if (!dryRun && (apiToken == null || apiToken.isEmpty())) {
      throw new IllegalArgumentException(
          "bulwark.connectors.okta.api-token is required (set BULWARK_OKTA_API_TOKEN)");
    }
  }
}
