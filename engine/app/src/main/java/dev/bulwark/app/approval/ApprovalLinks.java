package dev.bulwark.app.approval;

import dev.bulwark.app.playbook.PlaybookProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signs and checks approval links: {@code base64url(payload).base64url(HMAC-SHA256(payload))}, the
 * payload naming the task, the user the link was sent to, the decision and the expiry, plus a nonce
 * that makes the link single-use ({@link ApprovalLinkService} records it when used).
 */
@Component
public class ApprovalLinks {

  private static final Logger LOG = LoggerFactory.getLogger(ApprovalLinks.class);
  private static final String VERSION = "v1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final byte[] key;
  private final Clock clock;
  private final PlaybookProperties.ApprovalLinks config;
  private final SecureRandom random = new SecureRandom();

  ApprovalLinks(PlaybookProperties properties, Clock clock) {
    this.config = properties.getApprovalLinks();
    this.clock = clock;
    if (config.getSecret() == null || config.getSecret().isBlank()) {
      byte[] generated = new byte[32];
      random.nextBytes(generated);
      this.key = generated;
      LOG.warn(
          "BULWARK-4001 no approval-link secret configured (BULWARK_APPROVAL_LINK_SECRET);"
              + " using a random one: links sent before a restart will not work after it");
    } else {
      this.key = config.getSecret().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A signed link's token for one user to take one decision on one task. */
  public String issue(String taskId, String user, String decision) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    Instant expires = clock.instant().plus(config.getTtl());
    String payload =
        String.join(
            "|",
            VERSION,
            taskId,
            user,
            decision,
            Long.toString(expires.getEpochSecond()),
            HexFormat.of().formatHex(nonce));
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes));
  }

  /** The full URL for a token. */
  public String url(String token) {
    return config.getBaseUrl() + "/api/v1/approvals/links/" + token;
  }

  /** Checks signature and expiry; throws {@link InvalidLinkException} saying which failed. */
  public Link verify(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      throw new InvalidLinkException(false, "the approval link is malformed");
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(token.substring(0, dot));
      signature = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidLinkException(false, "the approval link is malformed");
    }
    if (!MessageDigest.isEqual(sign(payload), signature)) {
      throw new InvalidLinkException(false, "the approval link's signature does not match");
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|");
    if (parts.length != 6 || !VERSION.equals(parts[0])) {
      throw new InvalidLinkException(false, "the approval link is malformed");
    }
    Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[4]));
    if (!clock.instant().isBefore(expires)) {
      throw new InvalidLinkException(true, "the approval link expired at " + expires);
    }
    return new Link(parts[1], parts[2], parts[3], expires, parts[5]);
  }

  private byte[] sign(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** What a valid link says. */
  public record Link(String taskId, String user, String decision, Instant expires, String nonce) {}

  /** A link that cannot be used: forged, malformed, expired or used. */
  public static final class InvalidLinkException extends RuntimeException {
    private final boolean gone;

    InvalidLinkException(boolean gone, String message) {
      super(message);
      this.gone = gone;
    }

    /** True when the link was good once (expired or used): 410, else 403. */
    public boolean gone() {
      return gone;
    }
  }
}
