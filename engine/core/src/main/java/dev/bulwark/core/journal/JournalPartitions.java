package dev.bulwark.core.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.EcsPath;

/**
 * Which partition of the journal an alert's identity rules run in. One identity's alerts always
 * land in one partition, whatever brought them in (HTTP, Kafka, Elasticsearch), so one rules
 * session sees all of them; partitions, not identities, move between nodes (ADR 0802).
 */
public final class JournalPartitions {

  /**
   * How many partitions there are. Fixed: the V12 migration creates a cursor and a lease for each,
   * and changing the count would move identities between partitions with their windows behind.
   */
  public static final int COUNT = 16;

  /** The prefix of a partition's cursor and lease name; {@code rules} alone is the global one. */
  public static final String PREFIX = "rules:";

  private JournalPartitions() {}

  /**
   * The identity the identity rules correlate on: {@code user.name}, else {@code host.name}, else
   * {@code source.ip}, else the alert's dedup key. Also the Kafka key producers should use.
   */
  public static String key(ObjectNode document, String dedupKey) {
    for (String field : new String[] {"user.name", "host.name", "source.ip"}) {
      // Read as Alert.text reads it, so the key is the userName the rules compare.
      JsonNode value = EcsPath.get(document, field);
      if (value.isArray()) {
        value = value.path(0);
      }
      if (value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return dedupKey;
  }

  /**
   * The partition of an identity: stable across JVMs and versions (String.hashCode is specified).
   */
  public static int of(String key) {
    return Math.floorMod(key.hashCode(), COUNT);
  }

  /** The cursor and lease name of a partition. */
  public static String name(int partition) {
    return PREFIX + partition;
  }
}
