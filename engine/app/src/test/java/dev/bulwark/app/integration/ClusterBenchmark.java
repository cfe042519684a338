package dev.bulwark.app.integration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Not a test: the measurement behind the scale-out section of docs/benchmarks.md. Run it on demand
 * in the PostgreSQL execution: {@code mvn -B -pl engine/app -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ClusterBenchmark -Dbulwark.bench.alerts=20000}.
 * For one and then two engine processes on a fresh database and topic it produces a burst of alerts
 * to Kafka and times how long until every alert is journaled (intake) and evaluated (rules).
 * Results go to target/cluster-benchmark.txt.
 */
class ClusterBenchmark {

  private static final int ALERTS = Integer.getInteger("bulwark.bench.alerts", 20_000);
  private static final Duration LIMIT = Duration.ofMinutes(15);

  @Test
  void oneAndTwoNodes() throws Exception {
    List<String> results = new ArrayList<>();
    for (int nodes = 1; nodes <= 2; nodes++) {
      results.add(measure(nodes));
    }
    Path out =
        Path.of(System.getProperty("bulwark.it.jar")).getParent().resolve("cluster-benchmark.txt");
    Files.write(out, results, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    results.forEach(System.out::println);
  }

  private String measure(int nodes) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String topic = "bench-" + run;
    String database = PostgresTestDatabases.freshUrl();
    KafkaTestBroker.createTopic(topic);
    List<EngineNode> started = new ArrayList<>();
    try {
      for (int i = 0; i < nodes; i++) {
        started.add(
            EngineNode.start(
                "bench-" + nodes + "-" + i,
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
                    "--bulwark.kafka.concurrency=2",
                    "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers()),
                Duration.ofMinutes(5)));
      }
      JdbcTemplate db = jdbc(database);
      awaitAssigned(db, topic, nodes);
      // And every node holds its share of the rules partitions (ADR 0802).
      await(
          db,
          "SELECT COUNT(DISTINCT owner) FROM engine_lease WHERE name LIKE 'rules:%'"
              + " AND expires_at > CURRENT_TIMESTAMP",
          nodes);
      Duration cpuBefore = cpu(started);
      long start = System.nanoTime();
      produce(topic, run);
      long produced = System.nanoTime();
      long total = ALERTS + KafkaTestBroker.PARTITIONS;
      await(db, "SELECT COUNT(*) FROM alert_journal", total);
      long journaled = System.nanoTime();
      // Evaluated: past both its partition's cursor (identity rules) and the global one.
      await(
          db,
          "SELECT COUNT(*) FROM alert_journal j JOIN journal_cursor c"
              + " ON c.name = 'rules:' || j.rules_partition"
              + " WHERE j.seq <= c.position"
              + " AND j.seq <= (SELECT position FROM journal_cursor WHERE name = 'rules')",
          total);
      long evaluated = System.nanoTime();
      Duration cpu = cpu(started).minus(cpuBefore);
      return String.format(
          "nodes=%d alerts=%d produce=%.1fs journaled=%.1fs (%.0f alerts/s) evaluated=%.1fs"
              + " (%.0f alerts/s) engine-cpu=%.1fs incidents=%d evaluating-nodes=%d",
          nodes,
          ALERTS,
          seconds(produced - start),
          seconds(journaled - start),
          ALERTS / seconds(journaled - start),
          seconds(evaluated - start),
          ALERTS / seconds(evaluated - start),
          cpu.toMillis() / 1000.0,
          db.queryForObject("SELECT COUNT(*) FROM incident", Long.class),
          db.queryForObject(
              "SELECT COUNT(DISTINCT evaluated_by) FROM journal_cursor WHERE name LIKE 'rules:%'",
              Long.class));
    } finally {
      started.forEach(EngineNode::close);
    }
  }

  /** Waits until the consumer group has settled: a warm-up record from every node is journaled. */
  private static void awaitAssigned(JdbcTemplate db, String topic, int nodes)
      throws InterruptedException {
    // One record per partition; all journaled means every partition has an active consumer.
    Properties config = producerConfig();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (int p = 0; p < KafkaTestBroker.PARTITIONS; p++) {
        producer.send(
            new ProducerRecord<>(
                topic,
                p,
                "warm-up",
                "{\"@timestamp\": \"2026-11-20T07:00:00Z\", \"event\": {\"id\": \"warm-up-"
                    + p
                    + "\", \"kind\": \"event\"}}"));
      }
    }
    await(db, "SELECT COUNT(*) FROM alert_journal", KafkaTestBroker.PARTITIONS);
  }

  /** Failed logins of many users, five each (below the brute-force threshold, so no playbooks). */
  private static void produce(String topic, String run) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
      List<String> templates =
          TestAlerts.load("brute_force.ndjson", "${user}", "${run}").lines().toList();
      for (int i = 0; i < ALERTS; i++) {
        String user = "u" + (i / 5) + "-" + run;
        String alert = templates.get(i % 5).replace("${user}", user).replace("${run}", user);
        producer.send(new ProducerRecord<>(topic, user, alert));
      }
      producer.flush();
    }
  }

  private static Properties producerConfig() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return config;
  }

  private static void await(JdbcTemplate db, String sql, long expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      Long value = db.queryForObject(sql, Long.class);
      if (value != null && value >= expected) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(sql + " did not reach " + expected + " within " + LIMIT);
  }

  private static JdbcTemplate jdbc(String url) throws SQLException {
    return new JdbcTemplate(
        new SingleConnectionDataSource(
            DriverManager.getConnection(
                url, PostgresTestDatabases.user(), PostgresTestDatabases.password()),
            true));
  }

  private static Duration cpu(List<EngineNode> nodes) {
    return nodes.stream().map(EngineNode::cpu).reduce(Duration.ZERO, Duration::plus);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
