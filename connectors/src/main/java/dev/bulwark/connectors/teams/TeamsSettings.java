package dev.bulwark.connectors.teams;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;
import java.util.Map;

/**
 * How Bulwark posts to Microsoft Teams: the URL of a Workflows webhook ("Post to a channel when a
 * webhook request is received") or of a legacy Office 365 incoming webhook. The URL is the
 * credential (it carries a signature), so it is a {@link Secret} and never logged.
 *
 * @param webhookUrl for every target not in {@code webhookUrls}, from the environment ({@code
 *     BULWARK_TEAMS_WEBHOOK_URL})
 * @param webhookUrls one webhook per channel name a playbook notifies, each from the environment
 * @param linksBaseUrl the engine's public URL, for approve/reject links
 */
public record TeamsSettings(
    Secret webhookUrl,
    Map<String, Secret> webhookUrls,
    String linksBaseUrl,
    boolean dryRun,
    PolicySettings policy) {

  public static final String PROVIDER = "teams";

  public TeamsSettings {
    webhookUrls = webhookUrls == null ? Map.of() : Map.copyOf(webhookUrls);
    if (!dryRun && (webhookUrl == null || webhookUrl.isEmpty()) && webhookUrls.isEmpty()) {
      throw new IllegalArgumentException(
          "bulwark.connectors.teams.webhook-url is required (set BULWARK_TEAMS_WEBHOOK_URL),"
              + " or webhook-urls per channel");
    }
    for (Map.Entry<String, Secret> each : webhookUrls.entrySet()) {
      check("webhook-urls." + each.getKey(), each.getValue());
    }
    if (webhookUrl != null && !webhookUrl.isEmpty()) {
      check("webhook-url", webhookUrl);
    }
  }

  /** The webhook for a target; empty when none is configured for it. */
  URI webhookFor(String target) {
    Secret url = webhookUrls.getOrDefault(target, webhookUrl);
    return url == null || url.isEmpty() ? null : URI.create(url.reveal());
  }

  private static void check(String option, Secret url) {
    // Names the option, never the value: the URL is the secret.
    URI uri;
    try {
      uri = URI.create(url.reveal());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bulwark.connectors.teams." + option + " is not a valid URL", null);
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "bulwark.connectors.teams." + option + " must be an https URL");
    }
  }
}
