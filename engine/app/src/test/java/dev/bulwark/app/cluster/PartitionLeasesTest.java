package dev.bulwark.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.journal.JournalPartitions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Partition leases on the engine's real schema (H2, migrated by Flyway). */
class PartitionLeasesTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(15);

  private final JdbcTemplate jdbc = migratedDatabase();

  @Test
  void aSingleNodeHoldsEveryPartition() {
    assertThat(leases("node-a", T0).hold()).hasSize(JournalPartitions.COUNT);
  }

  @Test
  void aJoiningNodeGetsHalfOnceTheFirstGivesUpItsSurplus() {
    assertThat(leases("node-a", T0).hold()).hasSize(JournalPartitions.COUNT);

    // node-b announces itself but finds nothing free yet.
    assertThat(leases("node-b", T0.plusSeconds(1)).hold()).isEmpty();
    Set<Integer> a = leases("node-a", T0.plusSeconds(6)).hold();
    Set<Integer> b = leases("node-b", T0.plusSeconds(7)).hold();

    assertThat(a).hasSize(JournalPartitions.COUNT / 2);
    assertThat(b).hasSize(JournalPartitions.COUNT / 2);
    Set<Integer> all = new HashSet<>(a);
    all.addAll(b);
    assertThat(all).hasSize(JournalPartitions.COUNT);
    assertThat(leases("node-a", T0.plusSeconds(8)).owners())
        .containsEntry("node-a", JournalPartitions.COUNT / 2)
        .containsEntry("node-b", JournalPartitions.COUNT / 2);
  }

  @Test
  void theSurvivorTakesTheDeadNodesPartitionsOnceTheyExpire() {
    leases("node-a", T0).hold();
    leases("node-b", T0.plusSeconds(1)).hold();
    leases("node-a", T0.plusSeconds(6)).hold();
    leases("node-b", T0.plusSeconds(7)).hold();

    // node-a stops renewing; after a lease duration node-b is the only live node.
    Set<Integer> b = leases("node-b", T0.plusSeconds(7).plus(LEASE).plusSeconds(1)).hold();

    assertThat(b).hasSize(JournalPartitions.COUNT);
  }

  @Test
  void aCleanStopFreesThePartitionsAtOnce() {
    PartitionLeases a = leases("node-a", T0);
    a.hold();
    leases("node-b", T0.plusSeconds(1)).hold();

    a.releaseAll();

    assertThat(leases("node-b", T0.plusSeconds(2)).hold()).hasSize(JournalPartitions.COUNT);
  }

  private PartitionLeases leases(String node, Instant now) {
    ClusterProperties properties = new ClusterProperties();
    properties.setNodeId(node);
    properties.setLeaseDuration(LEASE);
    return new PartitionLeases(jdbc, properties, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static JdbcTemplate migratedDatabase() {
    String url = "jdbc:h2:mem:partitions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
    Flyway.configure().dataSource(dataSource).load().migrate();
    return new JdbcTemplate(dataSource);
  }
}
