package dev.bulwark.app.cluster;

import static dev.bulwark.app.config.JsonColumns.timestamp;

import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The right to evaluate the journal and start playbooks, held by one node at a time through a row
 * in {@code engine_lease}. Correlation windows live in one rules session, so one node evaluates
 * every alert; the others take intake, Kafka partitions and Camunda jobs, and one of them takes
 * over when the holder stops renewing. The lease only keeps nodes from doing the same work twice:
 * correctness rests on the journal cursor's compare-and-set, which rolls back a late holder.
 */
@Component
public class RulesLease {

  private static final String NAME = "rules";

  private final JdbcTemplate jdbc;
  private final ClusterProperties properties;
  private final Clock clock;
  private Instant renewedAt = Instant.MIN;

  RulesLease(JdbcTemplate jdbc, ClusterProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Takes the lease if it is free or expired, or renews it if this node holds it; returns whether
   * this node holds it now. Renews at most every third of the lease so a busy node stays cheap.
   */
  public synchronized boolean holdOrTake() {
    Instant now = clock.instant();
    if (now.isBefore(renewedAt.plus(properties.getLeaseDuration().dividedBy(3)))) {
      return true;
    }
    int updated =
        jdbc.update(
            "UPDATE engine_lease SET owner = ?, expires_at = ?"
                + " WHERE name = ? AND (owner = ? OR owner IS NULL OR expires_at < ?)",
            properties.getNodeId(),
            timestamp(now.plus(properties.getLeaseDuration())),
            NAME,
            properties.getNodeId(),
            timestamp(now));
    renewedAt = updated == 1 ? now : Instant.MIN;
    return updated == 1;
  }

  /**
   * Gives the lease up at once (on a clean stop) so another node need not wait for it to expire.
   */
  public synchronized void release() {
    renewedAt = Instant.MIN;
    jdbc.update(
        "UPDATE engine_lease SET owner = NULL WHERE name = ? AND owner = ?",
        NAME,
        properties.getNodeId());
  }

  /** The node holding the lease, or null; for the status endpoint and operators. */
  public String holder() {
    return jdbc.query(
        "SELECT owner FROM engine_lease WHERE name = ? AND expires_at >= ?",
        rs -> rs.next() ? rs.getString(1) : null,
        NAME,
        timestamp(clock.instant()));
  }

  public String nodeId() {
    return properties.getNodeId();
  }
}
