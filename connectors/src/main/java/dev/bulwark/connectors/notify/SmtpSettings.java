package dev.bulwark.connectors.notify;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;

/**
 * How Bulwark sends e-mail.
 *
 * @param host the SMTP server
 * @param port 587 for STARTTLS submission, 465 for implicit TLS, 25 inside a trusted network
 * @param username empty for a relay that needs no login
 * @param password from the environment ({@code BULWARK_SMTP_PASSWORD})
 * @param security NONE, STARTTLS (required, not opportunistic) or TLS
 * @param from the sender address
 * @param linksBaseUrl the engine's public URL, used for approve/reject links
 * @param recipients addresses per channel name, e.g. {@code security -> soc@example.com}: a
 *     playbook notifies {@code security}, the configuration says who that is
 */
public record SmtpSettings(
    String host,
    int port,
    String username,
    Secret password,
    Security security,
    String from,
    String linksBaseUrl,
    java.util.Map<String, String> recipients,
    boolean dryRun,
    PolicySettings policy) {

  public static final String PROVIDER = "smtp";

  /** Transport security of the SMTP connection. */
  public enum Security {
    NONE,
    STARTTLS,
    TLS
  }

  public SmtpSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("bulwark.connectors.smtp.host is required");
    }
    if (from == null || !from.contains("@")) {
      throw new IllegalArgumentException(
          "bulwark.connectors.smtp.from must be an e-mail address, got " + from);
    }
    if (security == null) {
      security = Security.STARTTLS;
    }
    recipients = recipients == null ? java.util.Map.of() : java.util.Map.copyOf(recipients);
  }
}
