package dev.bulwark.app.connectors;

import java.util.LinkedHashMap;
import java.util.Map;

/** Microsoft Teams webhooks ({@code bulwark.connectors.teams}); see connectors/docs/teams.md. */
public class TeamsProperties extends ConnectorProperties.Policy {

  /** From BULWARK_TEAMS_WEBHOOK_URL: the Workflows (or legacy) webhook; the URL is the secret. */
  private String webhookUrl;

  /** A webhook per channel name a playbook notifies, each from its own environment variable. */
  private Map<String, String> webhookUrls = new LinkedHashMap<>();

  /** The engine's public URL, for approve/reject links. */
  private String linksBaseUrl;

  public String getWebhookUrl() {
    return webhookUrl;
  }

  public void setWebhookUrl(String webhookUrl) {
    this.webhookUrl = webhookUrl;
  }

  public Map<String, String> getWebhookUrls() {
    return webhookUrls;
  }

  public void setWebhookUrls(Map<String, String> webhookUrls) {
    this.webhookUrls = webhookUrls;
  }

  public String getLinksBaseUrl() {
    return linksBaseUrl;
  }

  public void setLinksBaseUrl(String linksBaseUrl) {
    this.linksBaseUrl = linksBaseUrl;
  }
}
