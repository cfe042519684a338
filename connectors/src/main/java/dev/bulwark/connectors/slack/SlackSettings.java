package dev.bulwark.connectors.slack;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;
import java.util.Map;

/**
 * How Bulwark posts to Slack through the Web API.
 *
 * @param baseUrl {@code https://slack.com/api}
 * @param botToken a bot token ({@code xoxb-...}) with the {@code chat:write} scope, from the
 *     environment ({@code BULWARK_SLACK_BOT_TOKEN})
 * @param channels channel ids per channel name a playbook notifies, e.g. {@code security ->
 *     C0123456789}; a target not listed is used as the channel itself
 * @param linksBaseUrl the engine's public URL, for approve/reject links
 */
public record SlackSettings(
    URI baseUrl,
    Secret botToken,
    Map<String, String> channels,
    String linksBaseUrl,
    boolean dryRun,
    PolicySettings policy) {

  public static final String PROVIDER = "slack";
  public static final URI DEFAULT_BASE_URL = URI.create("https://slack.com/api");

  public SlackSettings {
    if (baseUrl == null) {
      baseUrl = DEFAULT_BASE_URL;
    }
    if (!dryRun && (botToken == null || botToken.isEmpty())) {
      throw new IllegalArgumentException(
          "bulwark.connectors.slack.bot-token is required (set BULWARK_SLACK_BOT_TOKEN)");
    }
    channels = channels == null ? Map.of() : Map.copyOf(channels);
  }
}
