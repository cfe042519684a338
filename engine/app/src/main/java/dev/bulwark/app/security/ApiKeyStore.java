package dev.bulwark.app.security;

import static dev.bulwark.app.config.JsonColumns.instant;
import static dev.bulwark.app.config.JsonColumns.timestamp;

import dev.bulwark.core.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Intake API keys. Only a SHA-256 of each key is stored (keys are 256 random bits, so a fast hash
 * is enough: there is nothing to brute-force); a source may hold several keys so that one can be
 * rotated while the other still works; a revoked key stops working at once.
 */
@Repository
public class ApiKeyStore {

  /** Writing "last used" on every request would turn each alert post into two writes. */
  private static final Duration LAST_USED_RESOLUTION = Duration.ofSeconds(30);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final AuditLog audit;

  ApiKeyStore(JdbcTemplate jdbc, Clock clock, AuditLog audit) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.audit = audit;
  }

  /** The live key with this value, its use recorded; empty if unknown or revoked. */
  public Optional<ApiKey> authenticate(String presented) {
    List<ApiKey> found =
        jdbc.query(
            "SELECT * FROM api_key WHERE key_hash = ? AND revoked_at IS NULL",
            this::apiKey,
            hash(presented));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ApiKey key = found.get(0);
    Instant now = clock.instant();
    if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
      jdbc.update("UPDATE api_key SET last_used_at = ? WHERE id = ?", timestamp(now), key.id());
    }
    return Optional.of(key);
  }

  /** Makes a new key for a source; the key itself is returned this once and never again. */
  public IssuedKey issue(String source, String issuedBy) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String key = "bwk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKey stored = insert(source, key, issuedBy);
    audit.record("apikey.created", stored.id(), Map.of("source", source));
    return new IssuedKey(stored, key);
  }

  /** Stores a key given in configuration unless it is stored already. */
  void ensureConfigured(String source, String key) {
    Integer known =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM api_key WHERE key_hash = ?", Integer.class, hash(key));
    if (known == null || known == 0) {
      ApiKey stored = insert(source, key, "configuration");
      audit.record("apikey.configured", stored.id(), Map.of("source", source));
    }
  }

  public List<ApiKey> list() {
    return jdbc.query("SELECT * FROM api_key ORDER BY source, created_at", this::apiKey);
  }

  /** Revokes a key; false if there is no live key with this id. */
  public boolean revoke(String id, String revokedBy) {
    int changed =
        jdbc.update(
            "UPDATE api_key SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
            timestamp(clock.instant()),
            revokedBy,
            id);
    if (changed > 0) {
      audit.record("apikey.revoked", id, Map.of());
    }
    return changed > 0;
  }

  private ApiKey insert(String source, String key, String by) {
    ApiKey stored =
        new ApiKey(
            UUID.randomUUID().toString(),
            source,
            key.substring(0, Math.min(8, key.length())),
            clock.instant(),
            by,
            null,
            null);
    jdbc.update(
        "INSERT INTO api_key (id, source, key_hash, key_prefix, created_at, created_by)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        stored.id(),
        source,
        hash(key),
        stored.prefix(),
        timestamp(stored.createdAt()),
        by);
    return stored;
  }

  static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private ApiKey apiKey(ResultSet rs, int row) throws SQLException {
    return new ApiKey(
        rs.getString("id"),
        rs.getString("source"),
        rs.getString("key_prefix"),
        instant(rs, "created_at"),
        rs.getString("created_by"),
        instant(rs, "revoked_at"),
        instant(rs, "last_used_at"));
  }

  /** A stored key as the API shows it: never the key, only its first characters. */
  public record ApiKey(
      String id,
      String source,
      String prefix,
      Instant createdAt,
      String createdBy,
      Instant revokedAt,
      Instant lastUsedAt) {}

  /** A key just made: the only time its value is shown. */
  public record IssuedKey(ApiKey apiKey, String key) {}
}
