package dev.bulwark.app.connectors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PagerDuty Events API v2 ({@code bulwark.connectors.pagerduty}); see connectors/docs/pagerduty.md.
 */
public class PagerDutyProperties extends ConnectorProperties.Policy {

  /** https://events.pagerduty.com, or https://events.eu.pagerduty.com for an EU account. */
  private String baseUrl = "https://events.pagerduty.com";

  /** From BULWARK_PAGERDUTY_ROUTING_KEY: an Events API v2 integration key. */
  private String routingKey;

  /** An integration key per channel name a playbook notifies, each from the environment. */
  private Map<String, String> routingKeys = new LinkedHashMap<>();

  /** What PagerDuty shows as the alert's source. */
  private String source = "bulwark";

  /** The engine's public URL, for approve/reject links and the incident link. */
  private String linksBaseUrl;

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getRoutingKey() {
    return routingKey;
  }

  public void setRoutingKey(String routingKey) {
    this.routingKey = routingKey;
  }

  public Map<String, String> getRoutingKeys() {
    return routingKeys;
  }

  public void setRoutingKeys(Map<String, String> routingKeys) {
    this.routingKeys = routingKeys;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getLinksBaseUrl() {
    return linksBaseUrl;
  }

  public void setLinksBaseUrl(String linksBaseUrl) {
    this.linksBaseUrl = linksBaseUrl;
  }
}
