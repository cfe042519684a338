package dev.bulwark.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash chain: each record's hash covers its position, its content and the previous record's
 * hash, so an edited record no longer matches its hash, and a deleted or moved one breaks the link
 * of the record after it.
 */
public final class AuditChain {

  /** The "previous hash" of the first record. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /** The record that follows {@code previousSeq}/{@code previousHash}, with its hash computed. */
  public static AuditRecord next(
      long previousSeq,
      String previousHash,
      Instant at,
      String actor,
      String action,
      String target,
      String origin,
      String details) {
    long seq = previousSeq + 1;
    String hash = hash(seq, at, actor, action, target, origin, details, previousHash);
    return new AuditRecord(seq, at, actor, action, target, origin, details, previousHash, hash);
  }

  /** The hash a record should carry, given its content and the previous hash it names. */
  public static String hashOf(AuditRecord r) {
    return hash(
        r.seq(),
        r.at(),
        r.actor(),
        r.action(),
        r.target(),
        r.origin(),
        r.details(),
        r.previousHash());
  }

  private static String hash(
      long seq,
      Instant at,
      String actor,
      String action,
      String target,
      String origin,
      String details,
      String previousHash) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    // Length-prefixed fields, so that moving text from one field to the next changes the hash.
    for (String field :
        new String[] {
          previousHash, Long.toString(seq), at.toString(), actor, action, target, origin, details
        }) {
      byte[] bytes = (field == null ? "" : field).getBytes(StandardCharsets.UTF_8);
      sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      sha256.update((byte) ':');
      sha256.update(bytes);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }
}
