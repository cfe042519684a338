package dev.bulwark.app.cluster;

import static dev.bulwark.app.config.JsonColumns.timestamp;

import dev.bulwark.core.journal.JournalPartitions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The journal partitions whose identity rules this node evaluates, one {@code engine_lease} row
 * each ({@code rules:0} ...). Every node announces itself in {@code engine_node} and holds its fair
 * share, {@code ceil(partitions / live nodes)}: a joining node gets partitions as the others give
 * up their surplus, and a dead node's expire and are taken by the rest. Leases only avoid double
 * work; each partition's cursor compare-and-set is what keeps a late holder from committing.
 * Decided in ADR 0802, instead of following Kafka's consumer group, so HTTP-only installations
 * share the rules too.
 */
@Component
public class PartitionLeases {

  private static final String LIKE = JournalPartitions.PREFIX + "%";

  private final JdbcTemplate jdbc;
  private final ClusterProperties properties;
  private final Clock clock;
  private Set<Integer> held = Set.of();
  private Instant renewedAt = Instant.MIN;

  PartitionLeases(JdbcTemplate jdbc, ClusterProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * The partitions this node holds now, after renewing its leases, giving up its surplus and taking
   * free ones up to its share. Talks to the database at most every third of the lease duration.
   */
  public synchronized Set<Integer> hold() {
    Instant now = clock.instant();
    if (now.isBefore(renewedAt.plus(properties.getLeaseDuration().dividedBy(3)))) {
      return held;
    }
    Instant expiry = now.plus(properties.getLeaseDuration());
    announce(now, expiry);
    jdbc.update(
        "UPDATE engine_lease SET expires_at = ? WHERE owner = ? AND name LIKE ? AND expires_at >= ?",
        timestamp(expiry),
        nodeId(),
        LIKE,
        timestamp(now));
    Set<Integer> mine = new TreeSet<>(partitions(owned(now)));
    int share = share(now);
    List<Integer> surplus = new ArrayList<>(mine);
    while (mine.size() > share) {
      Integer given = surplus.remove(surplus.size() - 1);
      release(given);
      mine.remove(given);
    }
    if (mine.size() < share) {
      for (Integer free : partitions(free(now))) {
        if (mine.size() >= share) {
          break;
        }
        if (take(free, now, expiry)) {
          mine.add(free);
        }
      }
    }
    held = Set.copyOf(mine);
    renewedAt = now;
    return held;
  }

  /** Forgets a partition another node evaluated meanwhile (its cursor moved under this node). */
  public synchronized void lost(int partition) {
    Set<Integer> mine = new TreeSet<>(held);
    mine.remove(partition);
    held = Set.copyOf(mine);
  }

  /** Gives every partition up at once on a clean stop, and leaves the live nodes. */
  public synchronized void releaseAll() {
    held = Set.of();
    renewedAt = Instant.MIN;
    jdbc.update(
        "UPDATE engine_lease SET owner = NULL WHERE owner = ? AND name LIKE ?", nodeId(), LIKE);
    jdbc.update("DELETE FROM engine_node WHERE node_id = ?", nodeId());
  }

  /** How many partitions each node holds now; for the status endpoint and operators. */
  public Map<String, Integer> owners() {
    Map<String, Integer> owners = new LinkedHashMap<>();
    jdbc.query(
        "SELECT owner, COUNT(*) AS held FROM engine_lease WHERE name LIKE ? AND owner IS NOT NULL"
            + " AND expires_at >= ? GROUP BY owner ORDER BY owner",
        rs -> {
          owners.put(rs.getString("owner"), rs.getInt("held"));
        },
        LIKE,
        timestamp(clock.instant()));
    return owners;
  }

  public String nodeId() {
    return properties.getNodeId();
  }

  private void announce(Instant now, Instant expiry) {
    int updated =
        jdbc.update(
            "UPDATE engine_node SET expires_at = ? WHERE node_id = ?", timestamp(expiry), nodeId());
    if (updated == 0) {
      try {
        jdbc.update(
            "INSERT INTO engine_node (node_id, expires_at) VALUES (?, ?)",
            nodeId(),
            timestamp(expiry));
      } catch (DuplicateKeyException raced) {
        // Cannot happen for a unique node id; the row is there either way.
      }
    }
    // Nodes gone for a whole lease no longer count; their rows would only grow the table.
    jdbc.update(
        "DELETE FROM engine_node WHERE expires_at < ?",
        timestamp(now.minus(properties.getLeaseDuration())));
  }

  private int share(Instant now) {
    Integer live =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM engine_node WHERE expires_at >= ?",
            Integer.class,
            timestamp(now));
    int nodes = Math.max(1, live == null ? 1 : live);
    return (JournalPartitions.COUNT + nodes - 1) / nodes;
  }

  private List<String> owned(Instant now) {
    return jdbc.queryForList(
        "SELECT name FROM engine_lease WHERE owner = ? AND name LIKE ? AND expires_at >= ?",
        String.class,
        nodeId(),
        LIKE,
        timestamp(now));
  }

  private List<String> free(Instant now) {
    return jdbc.queryForList(
        "SELECT name FROM engine_lease WHERE name LIKE ? AND (owner IS NULL OR expires_at < ?)",
        String.class,
        LIKE,
        timestamp(now));
  }

  private boolean take(int partition, Instant now, Instant expiry) {
    return jdbc.update(
            "UPDATE engine_lease SET owner = ?, expires_at = ?"
                + " WHERE name = ? AND (owner IS NULL OR expires_at < ?)",
            nodeId(),
            timestamp(expiry),
            JournalPartitions.name(partition),
            timestamp(now))
        == 1;
  }

  private void release(int partition) {
    jdbc.update(
        "UPDATE engine_lease SET owner = NULL WHERE name = ? AND owner = ?",
        JournalPartitions.name(partition),
        nodeId());
  }

  private static List<Integer> partitions(List<String> names) {
    List<Integer> partitions = new ArrayList<>();
    for (String name : names) {
      partitions.add(Integer.parseInt(name.substring(JournalPartitions.PREFIX.length())));
    }
    partitions.sort(null);
    return partitions;
  }
}
