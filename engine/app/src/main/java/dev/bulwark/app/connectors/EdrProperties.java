package dev.bulwark.app.connectors;

/**
 * The settings of the EDRs besides CrowdStrike, under {@code bulwark.connectors.<provider>}; kept
 * apart from {@link ConnectorProperties} so that it stays readable as providers are added.
 */
public final class EdrProperties {

  private EdrProperties() {}

  /** Microsoft Defender for Endpoint device isolation; see connectors/docs/defender.md. */
  public static class Defender extends ConnectorProperties.Policy {
    /** https://api.securitycenter.microsoft.com or a regional host (eu.api.security...). */
    private String apiUrl = "https://api.securitycenter.microsoft.com";

    /** The Microsoft identity platform; another one for national clouds. */
    private String loginUrl = "https://login.microsoftonline.com";

    /** The Entra ID tenant of the app registration. */
    private String tenantId;

    /** An app registration with Machine.Read.All and Machine.Isolate (application). */
    private String clientId;

    /** From BULWARK_DEFENDER_CLIENT_SECRET. */
    private String clientSecret;

    /** Full, or Selective (Outlook, Teams and Skype keep working). */
    private String isolationType = "Full";

    public String getApiUrl() {
      return apiUrl;
    }

    public void setApiUrl(String apiUrl) {
      this.apiUrl = apiUrl;
    }

    public String getLoginUrl() {
      return loginUrl;
    }

    public void setLoginUrl(String loginUrl) {
      this.loginUrl = loginUrl;
    }

    public String getTenantId() {
      return tenantId;
    }

    public void setTenantId(String tenantId) {
      this.tenantId = tenantId;
    }

    public String getClientId() {
      return clientId;
    }

    public void setClientId(String clientId) {
      this.clientId = clientId;
    }

    public String getClientSecret() {
      return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
      this.clientSecret = clientSecret;
    }

    public String getIsolationType() {
      return isolationType;
    }

    public void setIsolationType(String isolationType) {
      this.isolationType = isolationType;
    }
  }

  /** SentinelOne network quarantine; see connectors/docs/sentinelone.md. */
  public static class SentinelOne extends ConnectorProperties.Policy {
    /** The management console, e.g. https://usea1-acme.sentinelone.net. */
    private String baseUrl;

    /** From BULWARK_SENTINELONE_API_TOKEN: a service user's API token. */
    private String apiToken;

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getApiToken() {
      return apiToken;
    }

    public void setApiToken(String apiToken) {
      this.apiToken = apiToken;
    }
  }

  /** Elastic Defend isolation through Kibana; see connectors/docs/elastic-defend.md. */
  public static class ElasticDefend extends ConnectorProperties.Policy {
    /** Kibana, with /s/<space> for a space other than the default. */
    private String kibanaUrl;

    /** From BULWARK_ELASTIC_DEFEND_API_KEY: the encoded form of an Elasticsearch API key. */
    private String apiKey;

    public String getKibanaUrl() {
      return kibanaUrl;
    }

    public void setKibanaUrl(String kibanaUrl) {
      this.kibanaUrl = kibanaUrl;
    }

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }
  }
}
