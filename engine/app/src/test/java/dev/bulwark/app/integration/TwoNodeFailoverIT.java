package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.journal.JournalPartitions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two engine processes (the built jar) on one PostgreSQL database and one Kafka topic, sharing the
 * rules by journal partition (ADR 0802); the node holding the global rules is killed in the middle
 * of the stream and the survivor takes over its partitions. Runs in the PostgreSQL execution.
 */
class TwoNodeFailoverIT {

  /**
   * One user per journal partition, so both nodes have rules work whichever partitions they hold.
   */
  private static final int USERS = JournalPartitions.COUNT;

  private static final int EARLY_USERS = 4;

  /**
   * Ledger entries of one contained incident: revoke sessions, notify security and the two analysts
   * asked to approve, then disable and isolate.
   */
  private static final int ACTIONS_PER_INCIDENT = 6;

  private static final Duration START = Duration.ofMinutes(4);
  private static final Duration WAIT = Duration.ofMinutes(3);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String topic = "cluster-" + run;

  @Test
  void withTheRulesNodeKilledMidStreamEveryAlertIncidentAndActionHappensOnce() throws Exception {
    String database = PostgresTestDatabases.freshUrl();
    KafkaTestBroker.createTopic(topic);
    List<String> users = onePerPartition();

    try (EngineNode a = node("node-a", database);
        EngineNode b = node("node-b", database)) {
      JdbcTemplate db = jdbc(database);
      // Both nodes hold their share of the partitions before the stream starts.
      awaitCount(db, LIVE_OWNERS, 2);
      // Every user's first failures, then the complete bursts of the first few users.
      produce(users, 0, 3);
      produce(users.subList(0, EARLY_USERS), 3, 6);
      awaitCount(db, "SELECT COUNT(*) FROM incident", EARLY_USERS);
      awaitCount(db, PARTITION_BACKLOG, 0);

      // The work was shared: each node evaluated the identity rules of some partitions.
      assertThat(
              db.queryForList(
                  "SELECT DISTINCT evaluated_by FROM journal_cursor WHERE name LIKE 'rules:%'"
                      + " AND evaluated_by IS NOT NULL",
                  String.class))
          .containsExactlyInAnyOrder(a.name(), b.name());

      // Partitions may have moved meanwhile if a node stalled past its lease on this loaded
      // machine (the cursors' compare-and-set kept that correct); kill once both hold theirs.
      awaitCount(db, LIVE_OWNERS, 2);
      String leader =
          db.queryForObject("SELECT owner FROM engine_lease WHERE name = 'rules'", String.class);
      EngineNode killed = leader.equals(a.name()) ? a : b;
      EngineNode survivor = killed == a ? b : a;
      List<String> killedPartitions =
          db.queryForList(
              "SELECT name FROM engine_lease WHERE owner = ? AND name LIKE 'rules:%'",
              String.class, killed.name());
      killed.kill();

      // The rest of the stream arrives while the survivor has not yet noticed the death.
      produce(users.subList(EARLY_USERS, USERS), 3, 6);
      awaitCount(db, "SELECT COUNT(*) FROM incident", USERS);
      approveAll(survivor.client(), USERS);
      awaitCount(
          db,
          "SELECT COUNT(*) FROM action_ledger WHERE status = 'SIMULATED'",
          USERS * ACTIONS_PER_INCIDENT);
      // The ledger commits an action's outcome on its own, before the playbook's job commits the
      // timeline entry about it (ADR 0401): the entries may still be on their way.
      awaitCount(
          db,
          "SELECT COUNT(*) FROM incident_timeline WHERE kind = 'action'",
          USERS * ACTIONS_PER_INCIDENT);

      assertThat(count(db, "SELECT COUNT(*) FROM alert_journal")).isEqualTo(USERS * 6);
      assertThat(count(db, "SELECT position FROM journal_cursor WHERE name = 'rules'"))
          .isEqualTo(count(db, "SELECT MAX(seq) FROM alert_journal"));
      assertThat(count(db, PARTITION_BACKLOG)).isZero();
      // The survivor took over the dead node's partitions and evaluated their later alerts.
      assertThat(
              db.queryForList(
                  "SELECT DISTINCT owner FROM engine_lease WHERE expires_at > CURRENT_TIMESTAMP",
                  String.class))
          .containsExactly(survivor.name());
      List<String> lateUserPartitions = new ArrayList<>();
      users
          .subList(EARLY_USERS, USERS)
          .forEach(user -> lateUserPartitions.add(JournalPartitions.name(partition(user))));
      List<String> takenOver = new ArrayList<>(killedPartitions);
      takenOver.retainAll(lateUserPartitions);
      assertThat(takenOver).isNotEmpty();
      for (String partition : takenOver) {
        assertThat(
                db.queryForObject(
                    "SELECT evaluated_by FROM journal_cursor WHERE name = ?",
                    String.class,
                    partition))
            .as("evaluator of %s after the kill", partition)
            .isEqualTo(survivor.name());
      }
      assertThat(count(db, "SELECT COUNT(*) FROM incident WHERE alert_count = 6")).isEqualTo(USERS);
      assertThat(count(db, "SELECT COUNT(DISTINCT correlation_key) FROM incident"))
          .isEqualTo(USERS);
      assertThat(count(db, "SELECT COUNT(*) FROM incident_alert")).isEqualTo(USERS * 6);
      assertThat(
              count(
                  db,
                  "SELECT COUNT(*) FROM incident_timeline WHERE kind = 'playbook'"
                      + " AND summary LIKE '%started'"))
          .isEqualTo(USERS);
      assertThat(count(db, "SELECT COUNT(*) FROM act_hi_procinst")).isEqualTo(USERS);
      assertThat(count(db, "SELECT COUNT(DISTINCT incident_id) FROM action_ledger"))
          .isEqualTo(USERS);
      assertThat(count(db, "SELECT COUNT(*) FROM action_ledger"))
          .isEqualTo(USERS * ACTIONS_PER_INCIDENT);
      assertThat(count(db, "SELECT COUNT(*) FROM incident_timeline WHERE kind = 'action'"))
          .isEqualTo(USERS * ACTIONS_PER_INCIDENT);
      JsonNode status = survivor.client().get("/api/v1/status").json();
      assertThat(status.at("/cluster/rulesNode").asText()).isEqualTo(survivor.name());
      assertThat(status.at("/journal/backlog").asLong()).isZero();
    }
  }

  /** How many nodes hold partition leases now. */
  private static final String LIVE_OWNERS =
      "SELECT COUNT(DISTINCT owner) FROM engine_lease WHERE name LIKE 'rules:%'"
          + " AND expires_at > CURRENT_TIMESTAMP";

  /** Alerts not yet passed by their partition's cursor. */
  private static final String PARTITION_BACKLOG =
      "SELECT COUNT(*) FROM alert_journal j JOIN journal_cursor c"
          + " ON c.name = 'rules:' || j.rules_partition WHERE j.seq > c.position";

  /** User names of this run, one hashing to each journal partition. */
  private List<String> onePerPartition() {
    String[] byPartition = new String[JournalPartitions.COUNT];
    int found = 0;
    for (int i = 0; found < JournalPartitions.COUNT; i++) {
      String user = "n" + i + "-" + run;
      if (byPartition[partition(user)] == null) {
        byPartition[partition(user)] = user;
        found++;
      }
    }
    return List.of(byPartition);
  }

  private static int partition(String user) {
    return JournalPartitions.of(user);
  }

  private EngineNode node(String name, String database) {
    return EngineNode.start(
        name,
        Map.of(
            "BULWARK_DB_URL", database,
            "BULWARK_DB_USER", PostgresTestDatabases.user(),
            "BULWARK_DB_PASSWORD", PostgresTestDatabases.password()),
        List.of(
            "--spring.profiles.active=postgres",
            "--bulwark.security.allow-embedded-defaults=true",
            "--bulwark.kafka.enabled=true",
            "--bulwark.kafka.topic=" + topic,
            "--bulwark.kafka.group-id=" + topic,
            "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
            // Short timeouts so that the survivor takes over within seconds, not minutes.
            "--spring.kafka.consumer.properties.session.timeout.ms=6000",
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
            "--bulwark.cluster.lease-duration=4s",
            "--camunda.bpm.job-execution.lock-time-in-millis=10000",
            "--bulwark.processor.poll-interval=200ms"),
        START);
  }

  /**
   * Lines {@code from} (inclusive) to {@code to} of each user's brute-force burst, keyed by user.
   */
  private void produce(List<String> users, int from, int to) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (int line = from; line < to; line++) {
        for (String user : users) {
          String alert =
              TestAlerts.load("brute_force.ndjson", user, user).lines().toList().get(line);
          producer.send(new ProducerRecord<>(topic, user, alert));
        }
      }
      producer.flush();
    }
  }

  private static void approveAll(BulwarkClient client, int expected) {
    JsonNode approvals = client.await("/api/v1/approvals", list -> list.size() == expected, WAIT);
    for (JsonNode approval : approvals) {
      var decided =
          client.postJson(
              "/api/v1/approvals/" + approval.get("id").asText(), "{\"decision\": \"approve\"}");
      assertThat(decided.status()).isEqualTo(200);
    }
  }

  private static JdbcTemplate jdbc(String url) throws SQLException {
    Connection connection =
        DriverManager.getConnection(
            url, PostgresTestDatabases.user(), PostgresTestDatabases.password());
    return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
  }

  private static long count(JdbcTemplate db, String sql) {
    Long value = db.queryForObject(sql, Long.class);
    return value == null ? 0 : value;
  }

  private static void awaitCount(JdbcTemplate db, String sql, long expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long last = -1;
    while (System.nanoTime() < deadline) {
      last = count(db, sql);
      if (last == expected) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(sql + " = " + last + ", expected " + expected + " within " + WAIT);
  }
}
