package dev.bulwark.connectors.webhook;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;

/**
 * A generic HTTPS webhook for notifications, signed with HMAC-SHA256.
 *
 * @param url where the JSON is POSTed
 * @param signingKey from the environment ({@code BULWARK_WEBHOOK_SIGNING_KEY}); the receiver checks
 *     {@code X-Bulwark-Signature} with it
 * @param linksBaseUrl the engine's public URL, for approve/reject links
 */
public record WebhookSettings(
    URI url, Secret signingKey, String linksBaseUrl, boolean dryRun, PolicySettings policy) {

  public static final String PROVIDER = "webhook";

  public WebhookSettings {
    if (url == null) {
      throw new IllegalArgumentException("bulwark.connectors.webhook.url is required");
    }
    if (!dryRun && (signingKey == null || signingKey.isEmpty())) {
      throw new IllegalArgumentException(
          "bulwark.connectors.webhook.signing-key is required (set BULWARK_WEBHOOK_SIGNING_KEY)");
    }
  }
}
