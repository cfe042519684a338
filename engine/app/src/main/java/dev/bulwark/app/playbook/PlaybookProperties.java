package dev.bulwark.app.playbook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code bulwark.playbooks.*}: approval timings, who is privileged, approval links. */
@ConfigurationProperties(prefix = PlaybookProperties.PREFIX)
public class PlaybookProperties {

  public static final String PREFIX = "bulwark.playbooks";

  /** An undecided approval is raised to soc-leads and on-call is notified after this long. */
  private Duration escalateAfter = Duration.ofHours(1);

  /** Past this, the approval policy's default decides (reject unless the policy says otherwise). */
  private Duration decideWithin = Duration.ofHours(4);

  /** How long after containment an analyst can still roll it back as a false positive. */
  private Duration rollbackWindow = Duration.ofDays(30);

  /** The notification recipient paged when an approval escalates. */
  private String onCall = "on-call";

  /** Identities whose containment needs two approvers (the policy's {@code privileged} input). */
  private Set<String> privilegedUsers = new LinkedHashSet<>();

  /**
   * Host name to criticality ({@code low}, {@code medium}, {@code high}); unnamed hosts: medium.
   */
  private Map<String, String> assetCriticality = new LinkedHashMap<>();

  private final ApprovalLinks approvalLinks = new ApprovalLinks();

  public Duration getEscalateAfter() {
    return escalateAfter;
  }

  public void setEscalateAfter(Duration escalateAfter) {
    this.escalateAfter = escalateAfter;
  }

  public Duration getDecideWithin() {
    return decideWithin;
  }

  public void setDecideWithin(Duration decideWithin) {
    this.decideWithin = decideWithin;
  }

  public Duration getRollbackWindow() {
    return rollbackWindow;
  }

  public void setRollbackWindow(Duration rollbackWindow) {
    this.rollbackWindow = rollbackWindow;
  }

  public String getOnCall() {
    return onCall;
  }

  public void setOnCall(String onCall) {
    this.onCall = onCall;
  }

  public Set<String> getPrivilegedUsers() {
    return privilegedUsers;
  }

  public void setPrivilegedUsers(Set<String> privilegedUsers) {
    this.privilegedUsers = privilegedUsers;
  }

  public Map<String, String> getAssetCriticality() {
    return assetCriticality;
  }

  public void setAssetCriticality(Map<String, String> assetCriticality) {
    this.assetCriticality = assetCriticality;
  }

  public ApprovalLinks getApprovalLinks() {
    return approvalLinks;
  }

  /** Signed, single-use, expiring links to decide an approval from its notification. */
  public static class ApprovalLinks {

    /**
     * The HMAC-SHA256 key that signs links; set it through {@code BULWARK_APPROVAL_LINK_SECRET}.
     * Without it a random key is made at start-up, and links stop working at a restart.
     */
    private String secret = "";

    /** How long a link works. */
    private Duration ttl = Duration.ofHours(4);

    /** Where the engine is reachable for the people who get the notification. */
    private String baseUrl = "http://localhost:8080";

    public String getSecret() {
      return secret;
    }

    public void setSecret(String secret) {
      this.secret = secret;
    }

    public Duration getTtl() {
      return ttl;
    }

    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    @Override
    public String toString() {
      // Never print the secret, whoever logs this object.
      return "ApprovalLinks[ttl=" + ttl + ", baseUrl=" + baseUrl + ", secret=<hidden>]";
    }
  }
}
