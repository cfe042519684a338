package dev.bulwark.app.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything under {@code bulwark.security.*}: local users, intake keys, webhook secrets and how
 * OIDC roles map to ours. The embedded defaults in application.yaml are for a laptop only; {@link
 * DefaultCredentialsGuard} refuses them under any other profile.
 */
@ConfigurationProperties(prefix = SecurityProperties.PREFIX)
public class SecurityProperties {

  public static final String PREFIX = "bulwark.security";

  /** Users who log in with HTTP Basic (and into the Camunda webapps). */
  private List<LocalUser> users = new ArrayList<>();

  /**
   * Intake keys given in configuration, by source; stored hashed at start-up beside the keys made
   * through {@code POST /api/v1/api-keys}. Take them from the environment, never from a file in
   * git.
   */
  private Map<String, String> intakeKeys = new LinkedHashMap<>();

  /** Shared secrets of HMAC-signed webhooks, by source ({@code X-Bulwark-Source}). */
  private Map<String, String> webhookSecrets = new LinkedHashMap<>();

  /** How old a signed webhook's timestamp may be, and how long its signature is remembered. */
  private Duration webhookReplayWindow = Duration.ofMinutes(5);

  private final Oidc oidc = new Oidc();

  public List<LocalUser> getUsers() {
    return users;
  }

  public void setUsers(List<LocalUser> users) {
    this.users = users;
  }

  public Map<String, String> getIntakeKeys() {
    return intakeKeys;
  }

  public void setIntakeKeys(Map<String, String> intakeKeys) {
    this.intakeKeys = intakeKeys;
  }

  public Map<String, String> getWebhookSecrets() {
    return webhookSecrets;
  }

  public void setWebhookSecrets(Map<String, String> webhookSecrets) {
    this.webhookSecrets = webhookSecrets;
  }

  public Duration getWebhookReplayWindow() {
    return webhookReplayWindow;
  }

  public void setWebhookReplayWindow(Duration webhookReplayWindow) {
    this.webhookReplayWindow = webhookReplayWindow;
  }

  public Oidc getOidc() {
    return oidc;
  }

  /** A local user: a name, a password (plain or {@code {bcrypt}...}) and Bulwark roles. */
  public static class LocalUser {
    private String name;
    private String password;
    private List<String> roles = new ArrayList<>();

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public List<String> getRoles() {
      return roles;
    }

    public void setRoles(List<String> roles) {
      this.roles = roles;
    }
  }

  /**
   * Bearer JWTs from an OIDC provider. Set {@code
   * spring.security.oauth2.resourceserver.jwt.issuer-uri} (or {@code jwk-set-uri}) to switch it on.
   */
  public static class Oidc {
    /** Where the provider lists the user's roles; Keycloak puts realm roles here. */
    private String rolesClaim = "realm_access.roles";

    /**
     * Provider role to Bulwark role. A provider role that is not listed but equals a Bulwark role
     * (any case, with or without a {@code bulwark-} prefix) maps to it; others are ignored.
     */
    private Map<String, String> roleMapping = new LinkedHashMap<>();

    /**
     * How far a token's {@code exp} and {@code nbf} may be off the engine's clock. Spring's default
     * is a minute; keep it small when access tokens are short-lived.
     */
    private Duration clockSkew = Duration.ofSeconds(60);

    public Duration getClockSkew() {
      return clockSkew;
    }

    public void setClockSkew(Duration clockSkew) {
      this.clockSkew = clockSkew;
    }

    public String getRolesClaim() {
      return rolesClaim;
    }

    public void setRolesClaim(String rolesClaim) {
      this.rolesClaim = rolesClaim;
    }

    public Map<String, String> getRoleMapping() {
      return roleMapping;
    }

    public void setRoleMapping(Map<String, String> roleMapping) {
      this.roleMapping = roleMapping;
    }
  }
}
