package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.app.BulwarkApplication;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Alerts from a Kafka topic, against a real KRaft broker. The context is closed after the class,
 * while the broker still runs: closed at JVM exit instead, its consumer would wait for a broker
 * that the exit had already stopped.
 */
@DirtiesContext
@SpringBootTest(
    classes = BulwarkApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:bulwark-kafka-it;DB_CLOSE_DELAY=-1",
      "bulwark.processor.poll-interval=200ms",
      "bulwark.kafka.enabled=true",
      // Camunda ignores a hyphenated name; and the webapps keep static state that one context in
      // the JVM (the shared one) must own.
      "camunda.bpm.process-engine-name=kafkatest",
      "camunda.bpm.webapp.enabled=false"
    })
class KafkaIntakeIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  private BulwarkClient client;
  private final String run = UUID.randomUUID().toString();

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
  }

  @BeforeEach
  void connect() {
    client = new BulwarkClient(port);
  }

  @Test
  void alertsOnTheTopicBecomeAnIncidentAndTheirOffsetsAreCommittedAfterTheJournal() {
    String user = "kf-" + run.substring(0, 8);
    List<String> lines = TestAlerts.load("brute_force.ndjson", user, run).lines().toList();

    produce(lines.stream().map(line -> new ProducerRecord<>(KafkaTestBroker.ALERTS, user, line)));

    JsonNode incident = awaitIncidentFor(user);
    assertThat(incident.get("alertCount").asInt()).isEqualTo(6);
    assertThat(incident.at("/playbook/key").asText()).isEqualTo("contain_compromised_account");
    awaitCommittedUpToTheEnd();
  }

  @Test
  void aRecordThatIsNotAnAlertGoesToTheDeadLetterTopicWithTheReasonAndTheOthersAreJournaled() {
    String user = "kd-" + run.substring(0, 8);
    String bad = TestAlerts.load("missing_timestamp.json", user, run);
    String good = TestAlerts.load("high_risk_siem_alert.json", user, run);

    produce(
        List.of(
            new ProducerRecord<>(KafkaTestBroker.ALERTS, user, bad),
            new ProducerRecord<>(KafkaTestBroker.ALERTS, user, good))
            .stream());

    assertThat(awaitIncidentFor(user).get("alertCount").asInt()).isEqualTo(1);
    ConsumerRecord<String, byte[]> letter = awaitDeadLetter(user);
    assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo(bad);
    String reason =
        new String(letter.headers().lastHeader("bulwark.error").value(), StandardCharsets.UTF_8);
    assertThat(reason).startsWith(KafkaTestBroker.ALERTS + "-").contains("@timestamp");
  }

  @Test
  void anAlertDeliveredTwiceIsJournaledOnce() {
    String user = "kr-" + run.substring(0, 8);
    String alert = TestAlerts.load("high_risk_siem_alert.json", user, run);
    long before = client.get("/api/v1/status").json().at("/journal/received").asLong();

    produce(
        List.of(
            new ProducerRecord<>(KafkaTestBroker.ALERTS, user, alert),
            new ProducerRecord<>(KafkaTestBroker.ALERTS, user, alert))
            .stream());

    awaitIncidentFor(user);
    awaitCommittedUpToTheEnd();
    assertThat(client.get("/api/v1/status").json().at("/journal/received").asLong())
        .isEqualTo(before + 1);
    assertThat(awaitIncidentFor(user).get("alertCount").asInt()).isEqualTo(1);
  }

  @Test
  void offsetsStayPutWhileTheJournalCannotCommitAndMoveOnAfterItHas() throws Exception {
    String user = "kb-" + run.substring(0, 8);
    awaitCommittedUpToTheEnd();
    try (Connection blocker = dataSource.getConnection()) {
      blocker.setAutoCommit(false);
      try (Statement lock = blocker.createStatement()) {
        // Holds the row every append locks first, as a long transaction would: the commit waits.
        lock.executeQuery("SELECT id FROM journal_append_lock WHERE id = 1 FOR UPDATE").close();
      }
      String alert = TestAlerts.load("high_risk_siem_alert.json", user, run);
      produce(Stream.of(new ProducerRecord<>(KafkaTestBroker.ALERTS, user, alert)));

      awaitAnAppendWaitingForTheLock(blocker);
      assertThat(committedUpToTheEnd()).as("offsets committed before the journal").isFalse();
      blocker.rollback();
    }

    assertThat(awaitIncidentFor(user).get("alertCount").asInt()).isEqualTo(1);
    awaitCommittedUpToTheEnd();
  }

  /** Polls the database's own view of sessions until one waits for a row lock. */
  private static void awaitAnAppendWaitingForTheLock(Connection connection) throws Exception {
    String waiting =
        connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")
            ? "SELECT COUNT(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(waiting)) {
        if (rs.next() && rs.getLong(1) > 0) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no append waited for the journal lock within " + WAIT);
  }

  private static void produce(java.util.stream.Stream<ProducerRecord<String, String>> records) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      records.forEach(producer::send);
      producer.flush();
    }
  }

  private static void awaitCommittedUpToTheEnd() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (committedUpToTheEnd()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("offsets not committed to the end within " + WAIT);
  }

  /** Whether the engine's consumer group has committed every partition up to its end. */
  private static boolean committedUpToTheEnd() {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()))) {
      Map<TopicPartition, Long> ends = endOffsets(admin);
      Map<TopicPartition, Long> done =
          admin
              .listConsumerGroupOffsets("bulwark-engine")
              .partitionsToOffsetAndMetadata()
              .get()
              .entrySet()
              .stream()
              .filter(e -> e.getKey().topic().equals(KafkaTestBroker.ALERTS))
              .collect(Collectors.toMap(Map.Entry::getKey, e -> offset(e.getValue())));
      return ends.entrySet().stream()
          .allMatch(e -> e.getValue() == 0 || e.getValue().equals(done.get(e.getKey())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long offset(OffsetAndMetadata committed) {
    return committed == null ? -1 : committed.offset();
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin)
      throws InterruptedException, java.util.concurrent.ExecutionException {
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    for (int p = 0; p < KafkaTestBroker.PARTITIONS; p++) {
      latest.put(new TopicPartition(KafkaTestBroker.ALERTS, p), OffsetSpec.latest());
    }
    Map<TopicPartition, ListOffsetsResultInfo> info = admin.listOffsets(latest).all().get();
    return info.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(KafkaTestBroker.DEAD_LETTERS));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(record.key())) {
            return record;
          }
        }
      }
    }
    throw new AssertionError("no dead letter keyed " + key + " within " + WAIT);
  }

  private JsonNode awaitIncidentFor(String user) {
    JsonNode list =
        client.await("/api/v1/incidents?size=500", l -> !incidentsFor(l, user).isEmpty(), WAIT);
    return incidentsFor(list, user).get(0);
  }

  private static List<JsonNode> incidentsFor(JsonNode list, String user) {
    List<JsonNode> found = new ArrayList<>();
    list.get("items")
        .forEach(
            i -> {
              i.at("/entities/users")
                  .forEach(
                      u -> {
                        if (u.asText().equals(user)) {
                          found.add(i);
                        }
                      });
            });
    return found;
  }
}
