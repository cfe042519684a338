package dev.bulwark.app.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.AuditLog;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Network lists on the engine's real schema (H2, migrated by Flyway), as two nodes see them. */
class NetworkListsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  private final JdbcTemplate jdbc = migratedDatabase();
  private final List<String> audited = new ArrayList<>();
  private final AuditLog audit = (action, target, details) -> audited.add(action + " " + target);

  @Test
  void aListSetOnOneNodeReachesTheOtherAtItsNextRefreshAndSurvivesARestart() {
    ReferenceData onA = ReferenceData.withDefaults();
    ReferenceData onB = ReferenceData.withDefaults();
    NetworkLists nodeA = new NetworkLists(jdbc, onA, audit, CLOCK);
    NetworkLists nodeB = new NetworkLists(jdbc, onB, audit, CLOCK);

    nodeA.replace(NetworkList.CORPORATE, "[{\"cidr\": \"198.18.0.0/15\"}]", "admin");

    assertThat(onA.isCorporate("198.18.1.1")).isTrue();
    assertThat(onB.isCorporate("198.18.1.1")).isFalse();
    nodeB.refresh();
    assertThat(onB.isCorporate("198.18.1.1")).isTrue();

    ReferenceData restarted = ReferenceData.withDefaults();
    new NetworkLists(jdbc, restarted, audit, CLOCK);
    assertThat(restarted.isCorporate("198.18.1.1")).isTrue();
    assertThat(audited).containsExactly("reference.networks.replaced corporate");
  }

  @Test
  void theShippedListStaysInForceUntilReplacedAndComesBackOnReset() {
    ReferenceData reference = ReferenceData.withDefaults();
    NetworkLists lists = new NetworkLists(jdbc, reference, audit, CLOCK);
    assertThat(lists.view(NetworkList.ANONYMISING).fromApi()).isFalse();
    assertThat(reference.anonymisingNetworks().contains(null, "Astrill Financial Inc.")).isTrue();

    NetworkLists.View replaced =
        lists.replace(NetworkList.ANONYMISING, "[{\"as.number\": 64512}]", "admin");

    assertThat(replaced.fromApi()).isTrue();
    assertThat(replaced.updatedBy()).isEqualTo("admin");
    assertThat(replaced.updatedAt()).isEqualTo(CLOCK.instant());
    assertThat(replaced.entries()).hasSize(1);
    assertThat(reference.anonymisingNetworks().contains("64512", null)).isTrue();
    assertThat(reference.anonymisingNetworks().contains(null, "Astrill Financial Inc.")).isFalse();

    ReferenceData other = ReferenceData.withDefaults();
    NetworkLists otherNode = new NetworkLists(jdbc, other, audit, CLOCK);
    lists.reset(NetworkList.ANONYMISING, "admin");
    otherNode.refresh();

    assertThat(lists.view(NetworkList.ANONYMISING).fromApi()).isFalse();
    assertThat(reference.anonymisingNetworks().contains(null, "Astrill Financial Inc.")).isTrue();
    assertThat(other.anonymisingNetworks().contains("64512", null)).isFalse();
  }

  private static JdbcTemplate migratedDatabase() {
    String url = "jdbc:h2:mem:networks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
    Flyway.configure().dataSource(dataSource).load().migrate();
    return new JdbcTemplate(dataSource);
  }
}
