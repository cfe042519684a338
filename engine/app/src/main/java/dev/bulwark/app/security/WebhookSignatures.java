package dev.bulwark.app.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Bulwark-Signature: sha256=<hex>}, an HMAC-SHA256 with the source's secret over
 * {@code <timestamp>.<body>}. The timestamp must lie within the replay window of now, and a
 * signature is accepted once: a captured request replayed inside the window is refused too.
 */
public final class WebhookSignatures {

  /** Signatures remembered at most; past this, expired ones are swept before adding. */
  private static final int SWEEP_ABOVE = 10_000;

  private final Map<String, String> secrets;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();

  public WebhookSignatures(Map<String, String> secrets, Duration window, Clock clock) {
    this.secrets = Map.copyOf(secrets);
    this.window = window;
    this.clock = clock;
  }

  /** The signature header value for a body, as a sender computes it. */
  public static String sign(String secret, long epochSeconds, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac(secret, epochSeconds, body));
  }

  /** Null if the request is genuine and new; otherwise why it is refused. */
  public String refusal(String source, String timestamp, String signature, byte[] body) {
    String secret = source == null ? null : secrets.get(source);
    if (secret == null) {
      return "X-Bulwark-Source names no configured webhook source";
    }
    long epochSeconds;
    try {
      epochSeconds = Long.parseLong(timestamp == null ? "" : timestamp.strip());
    } catch (NumberFormatException e) {
      return "X-Bulwark-Timestamp must be the signing time in Unix seconds";
    }
    if (signature == null || !signature.startsWith("sha256=")) {
      return "X-Bulwark-Signature must be sha256=<hex HMAC of timestamp.body>";
    }
    byte[] presented;
    try {
      presented = HexFormat.of().parseHex(signature.substring("sha256=".length()));
    } catch (IllegalArgumentException e) {
      return "X-Bulwark-Signature is not hexadecimal";
    }
    if (!MessageDigest.isEqual(presented, hmac(secret, epochSeconds, body))) {
      return "the signature does not match the body and timestamp";
    }
    Instant signedAt = Instant.ofEpochSecond(epochSeconds);
    Instant now = clock.instant();
    if (signedAt.isBefore(now.minus(window)) || signedAt.isAfter(now.plus(window))) {
      return "the signature has expired: signed at "
          + signedAt
          + ", outside the replay window of "
          + window
          + " around "
          + now;
    }
    if (seen.size() > SWEEP_ABOVE) {
      seen.values().removeIf(expiry -> expiry.isBefore(now));
    }
    if (seen.putIfAbsent(source + ":" + signature, signedAt.plus(window)) != null) {
      return "this signed request was already received (replay)";
    }
    return null;
  }

  private static byte[] hmac(String secret, long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
    }
  }
}
