package dev.bulwark.app.connectors;

import dev.bulwark.connectors.graph.GraphSettings;
import dev.bulwark.connectors.ldap.LdapDisableMode;
import dev.bulwark.connectors.notify.SmtpSettings;
import dev.bulwark.connectors.support.PolicySettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings of each real provider under {@code bulwark.connectors.<provider>}. Which provider
 * serves which action is {@code bulwark.connectors.providers}; a provider's settings are read only
 * when some action uses it. Secrets come from the environment through placeholders in
 * application.yaml and are never logged.
 */
@ConfigurationProperties(prefix = ConnectorProperties.PREFIX)
public class ConnectorProperties {

  public static final String PREFIX = "bulwark.connectors";

  private final Keycloak keycloak = new Keycloak();
  private final Ldap ldap = new Ldap();
  private final Smtp smtp = new Smtp();
  private final CrowdStrike crowdstrike = new CrowdStrike();
  private final Webhook webhook = new Webhook();
  private final Okta okta = new Okta();
  private final Graph graph = new Graph();

  public Okta getOkta() {
    return okta;
  }

  public Graph getGraph() {
    return graph;
  }

  private final EdrProperties.Defender defender = new EdrProperties.Defender();
  private final EdrProperties.SentinelOne sentinelone = new EdrProperties.SentinelOne();
  private final EdrProperties.ElasticDefend elasticDefend = new EdrProperties.ElasticDefend();

  public EdrProperties.Defender getDefender() {
    return defender;
  }

  public EdrProperties.SentinelOne getSentinelone() {
    return sentinelone;
  }

  public EdrProperties.ElasticDefend getElasticDefend() {
    return elasticDefend;
  }

  private final SlackProperties slack = new SlackProperties();
  private final TeamsProperties teams = new TeamsProperties();
  private final PagerDutyProperties pagerduty = new PagerDutyProperties();
  private final JiraProperties jira = new JiraProperties();

  public SlackProperties getSlack() {
    return slack;
  }

  public TeamsProperties getTeams() {
    return teams;
  }

  public PagerDutyProperties getPagerduty() {
    return pagerduty;
  }

  public JiraProperties getJira() {
    return jira;
  }

  public Webhook getWebhook() {
    return webhook;
  }

  public CrowdStrike getCrowdstrike() {
    return crowdstrike;
  }

  public Keycloak getKeycloak() {
    return keycloak;
  }

  public Ldap getLdap() {
    return ldap;
  }

  public Smtp getSmtp() {
    return smtp;
  }

  /** The error policy every provider has; defaults in {@link PolicySettings}. */
  public static class Policy {
    /** How long one call to the provider may take. */
    private Duration timeout = PolicySettings.DEFAULT_TIMEOUT;

    /** Calls per action, the first included. */
    private int maxAttempts = PolicySettings.DEFAULT_MAX_ATTEMPTS;

    /** Wait before the second attempt; doubles each time, with jitter. */
    private Duration initialBackoff = PolicySettings.DEFAULT_INITIAL_BACKOFF;

    /** The longest wait between attempts. */
    private Duration maxBackoff = PolicySettings.DEFAULT_MAX_BACKOFF;

    /** The longest Retry-After honoured in place; longer ones go back to the playbook's retry. */
    private Duration maxRetryAfter = PolicySettings.DEFAULT_MAX_RETRY_AFTER;

    /** Consecutive provider failures that open the circuit. */
    private int circuitFailureThreshold = PolicySettings.DEFAULT_CIRCUIT_FAILURE_THRESHOLD;

    /** How long an open circuit refuses calls. */
    private Duration circuitOpenFor = PolicySettings.DEFAULT_CIRCUIT_OPEN_FOR;

    /** Answer what would be done and call nothing. */
    private boolean dryRun = false;

    PolicySettings toSettings() {
      return new PolicySettings(
          timeout,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          maxRetryAfter,
          circuitFailureThreshold,
          circuitOpenFor);
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public Duration getMaxRetryAfter() {
      return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
    }

    public int getCircuitFailureThreshold() {
      return circuitFailureThreshold;
    }

    public void setCircuitFailureThreshold(int circuitFailureThreshold) {
      this.circuitFailureThreshold = circuitFailureThreshold;
    }

    public Duration getCircuitOpenFor() {
      return circuitOpenFor;
    }

    public void setCircuitOpenFor(Duration circuitOpenFor) {
      this.circuitOpenFor = circuitOpenFor;
    }

    public boolean isDryRun() {
      return dryRun;
    }

    public void setDryRun(boolean dryRun) {
      this.dryRun = dryRun;
    }
  }

  /** Keycloak admin REST; see connectors/docs/keycloak.md. */
  public static class Keycloak extends Policy {
    /** e.g. https://sso.example.com (without /realms). */
    private String baseUrl;

    /** The realm whose users are acted on. */
    private String realm;

    /** The realm of Bulwark's client, when not the same. */
    private String clientRealm;

    /** A confidential client with a service account (view-users, manage-users). */
    private String clientId;

    /** From BULWARK_KEYCLOAK_CLIENT_SECRET. */
    private String clientSecret;

    /** Also end the user's sessions when disabling. */
    private boolean logoutOnDisable = true;

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getRealm() {
      return realm;
    }

    public void setRealm(String realm) {
      this.realm = realm;
    }

    public String getClientRealm() {
      return clientRealm;
    }

    public void setClientRealm(String clientRealm) {
      this.clientRealm = clientRealm;
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

    public boolean isLogoutOnDisable() {
      return logoutOnDisable;
    }

    public void setLogoutOnDisable(boolean logoutOnDisable) {
      this.logoutOnDisable = logoutOnDisable;
    }
  }

  /** An LDAP directory or Active Directory; see connectors/docs/ldap.md. */
  public static class Ldap extends Policy {
    /** ldap:// or ldaps:// URL. */
    private String url;

    /** The service account Bulwark binds as. */
    private String bindDn;

    /** From BULWARK_LDAP_BIND_PASSWORD. */
    private String bindPassword;

    /** Where enabled users live. */
    private String usersBase;

    /** uid (OpenLDAP) or sAMAccountName (AD). */
    private String userAttribute = "uid";

    /** PPOLICY_LOCK, USER_ACCOUNT_CONTROL or DISABLED_OU. */
    private LdapDisableMode mode = LdapDisableMode.PPOLICY_LOCK;

    /** Where DISABLED_OU moves users. */
    private String disabledOu;

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public String getBindDn() {
      return bindDn;
    }

    public void setBindDn(String bindDn) {
      this.bindDn = bindDn;
    }

    public String getBindPassword() {
      return bindPassword;
    }

    public void setBindPassword(String bindPassword) {
      this.bindPassword = bindPassword;
    }

    public String getUsersBase() {
      return usersBase;
    }

    public void setUsersBase(String usersBase) {
      this.usersBase = usersBase;
    }

    public String getUserAttribute() {
      return userAttribute;
    }

    public void setUserAttribute(String userAttribute) {
      this.userAttribute = userAttribute;
    }

    public LdapDisableMode getMode() {
      return mode;
    }

    public void setMode(LdapDisableMode mode) {
      this.mode = mode;
    }

    public String getDisabledOu() {
      return disabledOu;
    }

    public void setDisabledOu(String disabledOu) {
      this.disabledOu = disabledOu;
    }
  }

  /** E-mail over SMTP; see connectors/docs/smtp.md. */
  public static class Smtp extends Policy {
    private String host;
    private int port = 587;

    /** Empty for a relay without login. */
    private String username;

    /** From BULWARK_SMTP_PASSWORD. */
    private String password;

    private SmtpSettings.Security security = SmtpSettings.Security.STARTTLS;
    private String from;

    /** The engine's public URL, for approve/reject links. */
    private String linksBaseUrl;

    /** Addresses per channel name a playbook notifies (e.g. security: soc@example.com). */
    private java.util.Map<String, String> recipients = new java.util.LinkedHashMap<>();

    public java.util.Map<String, String> getRecipients() {
      return recipients;
    }

    public void setRecipients(java.util.Map<String, String> recipients) {
      this.recipients = recipients;
    }

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public int getPort() {
      return port;
    }

    public void setPort(int port) {
      this.port = port;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public SmtpSettings.Security getSecurity() {
      return security;
    }

    public void setSecurity(SmtpSettings.Security security) {
      this.security = security;
    }

    public String getFrom() {
      return from;
    }

    public void setFrom(String from) {
      this.from = from;
    }

    public String getLinksBaseUrl() {
      return linksBaseUrl;
    }

    public void setLinksBaseUrl(String linksBaseUrl) {
      this.linksBaseUrl = linksBaseUrl;
    }
  }

  /** CrowdStrike Falcon host containment; see connectors/docs/crowdstrike.md. */
  public static class CrowdStrike extends Policy {
    /**
     * The cloud's API host, e.g. https://api.crowdstrike.com or https://api.eu-1.crowdstrike.com.
     */
    private String baseUrl;

    /** An API client with the Hosts: Read and Write scopes. */
    private String clientId;

    /** From BULWARK_CROWDSTRIKE_CLIENT_SECRET. */
    private String clientSecret;

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
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
  }

  /** A signed generic webhook for NOTIFY; see connectors/docs/webhook.md. */
  public static class Webhook extends Policy {
    /** Where the JSON is POSTed. */
    private String url;

    /** From BULWARK_WEBHOOK_SIGNING_KEY: the HMAC-SHA256 key the receiver verifies with. */
    private String signingKey;

    /** The engine's public URL, for approve/reject links. */
    private String linksBaseUrl;

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public String getSigningKey() {
      return signingKey;
    }

    public void setSigningKey(String signingKey) {
      this.signingKey = signingKey;
    }

    public String getLinksBaseUrl() {
      return linksBaseUrl;
    }

    public void setLinksBaseUrl(String linksBaseUrl) {
      this.linksBaseUrl = linksBaseUrl;
    }
  }

  /** Okta users, sessions and factors; see connectors/docs/okta.md. */
  public static class Okta extends Policy {
    /** The org's URL, e.g. https://example.okta.com. */
    private String orgUrl;

    /** From BULWARK_OKTA_API_TOKEN: an API token, sent as "SSWS <token>". */
    private String apiToken;

    public String getOrgUrl() {
      return orgUrl;
    }

    public void setOrgUrl(String orgUrl) {
      this.orgUrl = orgUrl;
    }

    public String getApiToken() {
      return apiToken;
    }

    public void setApiToken(String apiToken) {
      this.apiToken = apiToken;
    }
  }

  /** Microsoft Entra ID through Microsoft Graph; see connectors/docs/graph.md. */
  public static class Graph extends Policy {
    /** The directory (tenant) id. */
    private String tenantId;

    /** The application (client) id of Bulwark's app registration. */
    private String clientId;

    /** From BULWARK_GRAPH_CLIENT_SECRET. */
    private String clientSecret;

    /** The Graph host; a national cloud's when not the global service. */
    private String graphUrl = GraphSettings.DEFAULT_GRAPH_URL.toString();

    /** The identity platform's host; a national cloud's when not the global service. */
    private String loginUrl = GraphSettings.DEFAULT_LOGIN_URL.toString();

    /** The client-credentials scope. */
    private String scope = GraphSettings.DEFAULT_SCOPE;

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

    public String getGraphUrl() {
      return graphUrl;
    }

    public void setGraphUrl(String graphUrl) {
      this.graphUrl = graphUrl;
    }

    public String getLoginUrl() {
      return loginUrl;
    }

    public void setLoginUrl(String loginUrl) {
      this.loginUrl = loginUrl;
    }

    public String getScope() {
      return scope;
    }

    public void setScope(String scope) {
      this.scope = scope;
    }
  }
}
