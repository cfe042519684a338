package dev.bulwark.app.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.risk.RiskPolicy;
import dev.bulwark.core.risk.RiskSignal;
import dev.bulwark.core.risk.RiskSignalPruner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Risk signal pruning on the engine's real schema (H2, migrated by Flyway). */
class JdbcRiskStoreTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private final JdbcTemplate jdbc = migratedDatabase();
  private final JdbcRiskStore store = new JdbcRiskStore(jdbc);

  @Test
  void pruningDeletesSignalsOlderThanTheWindowAndMarginInBatchesAndKeepsTheRest() {
    for (int i = 0; i < 7; i++) {
      store.record(signal("user:old" + i, NOW.minus(Duration.ofDays(20)).plusSeconds(i)));
    }
    store.record(signal("user:kept", NOW.minus(Duration.ofDays(7))));
    store.record(signal("user:newest", NOW.minus(Duration.ofMinutes(5))));

    assertThat(pruner().prune()).isEqualTo(7);

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM risk_signal", Long.class)).isEqualTo(2);
    assertThat(store.signals("user:kept", Instant.EPOCH, NOW)).hasSize(1);
    assertThat(store.newestEventTime()).contains(NOW.minus(Duration.ofMinutes(5)));
    // Another node pruning after this one finds nothing left to do.
    assertThat(
            new RiskSignalPruner(
                    new JdbcRiskStore(jdbc),
                    RiskPolicy.DEFAULT,
                    Duration.ofDays(1),
                    3,
                    Clock.fixed(NOW, ZoneOffset.UTC))
                .prune())
        .isZero();
  }

  @Test
  void aBatchDeletesNoMoreThanItsLimit() {
    for (int i = 0; i < 5; i++) {
      store.record(signal("user:old", NOW.minus(Duration.ofDays(30)).plusSeconds(i)));
    }

    assertThat(store.prune(NOW.minus(Duration.ofDays(8)), 3)).isEqualTo(3);
    assertThat(store.prune(NOW.minus(Duration.ofDays(8)), 3)).isEqualTo(2);
    assertThat(store.prune(NOW.minus(Duration.ofDays(8)), 3)).isZero();
  }

  private RiskSignalPruner pruner() {
    return new RiskSignalPruner(
        store, RiskPolicy.DEFAULT, Duration.ofDays(1), 3, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static RiskSignal signal(String entity, Instant at) {
    return new RiskSignal(entity, "rule-1", "a rule", 30, at, List.of(1L, 2L));
  }

  private static JdbcTemplate migratedDatabase() {
    String url = "jdbc:h2:mem:risk-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
    Flyway.configure().dataSource(dataSource).load().migrate();
    return new JdbcTemplate(dataSource);
  }
}
