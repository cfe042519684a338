package dev.bulwark.app.connectors;

import java.util.LinkedHashMap;
import java.util.Map;

/** Slack through the Web API ({@code bulwark.connectors.slack}); see connectors/docs/slack.md. */
public class SlackProperties extends ConnectorProperties.Policy {

  /** The Web API root; only a test or a proxy changes it. */
  private String baseUrl = "https://slack.com/api";

  /** From BULWARK_SLACK_BOT_TOKEN: a bot token (xoxb-) with chat:write. */
  private String botToken;

  /** Channel ids per channel name a playbook notifies (e.g. security: C0123456789). */
  private Map<String, String> channels = new LinkedHashMap<>();

  /** The engine's public URL, for approve/reject links. */
  private String linksBaseUrl;

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getBotToken() {
    return botToken;
  }

  public void setBotToken(String botToken) {
    this.botToken = botToken;
  }

  public Map<String, String> getChannels() {
    return channels;
  }

  public void setChannels(Map<String, String> channels) {
    this.channels = channels;
  }

  public String getLinksBaseUrl() {
    return linksBaseUrl;
  }

  public void setLinksBaseUrl(String linksBaseUrl) {
    this.linksBaseUrl = linksBaseUrl;
  }
}
