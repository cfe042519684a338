package dev.bulwark.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The rules lease on the engine's real schema (H2, migrated by Flyway). */
class RulesLeaseTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(15);

  private final JdbcTemplate jdbc = migratedDatabase();

  @Test
  void oneNodeHoldsTheLeaseWhileItRenewsIt() {
    RulesLease first = lease("node-a", T0);
    RulesLease second = lease("node-b", T0.plusSeconds(1));

    assertThat(first.holdOrTake()).isTrue();
    assertThat(second.holdOrTake()).isFalse();
    assertThat(lease("node-a", T0.plusSeconds(10)).holdOrTake()).isTrue();
    assertThat(lease("node-b", T0.plusSeconds(20)).holdOrTake()).isFalse();
    assertThat(first.holder()).isEqualTo("node-a");
  }

  @Test
  void anotherNodeTakesTheLeaseOnceItExpired() {
    assertThat(lease("node-a", T0).holdOrTake()).isTrue();

    RulesLease later = lease("node-b", T0.plus(LEASE).plusSeconds(1));

    assertThat(later.holdOrTake()).isTrue();
    assertThat(later.holder()).isEqualTo("node-b");
    assertThat(lease("node-a", T0.plus(LEASE).plusSeconds(2)).holdOrTake()).isFalse();
  }

  @Test
  void aReleasedLeaseIsFreeAtOnce() {
    RulesLease first = lease("node-a", T0);
    first.holdOrTake();

    first.release();

    assertThat(first.holder()).isNull();
    assertThat(lease("node-b", T0.plusSeconds(1)).holdOrTake()).isTrue();
  }

  private RulesLease lease(String node, Instant now) {
    ClusterProperties properties = new ClusterProperties();
    properties.setNodeId(node);
    properties.setLeaseDuration(LEASE);
    return new RulesLease(jdbc, properties, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static JdbcTemplate migratedDatabase() {
    String url = "jdbc:h2:mem:lease-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
    Flyway.configure().dataSource(dataSource).load().migrate();
    return new JdbcTemplate(dataSource);
  }
}
