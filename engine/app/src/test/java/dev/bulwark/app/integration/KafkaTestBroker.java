package dev.bulwark.app.integration;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker in KRaft mode (no ZooKeeper) per test JVM, on a free loopback port, built
 * from the Kafka artifacts on Maven Central; it stops when the JVM exits.
 */
public final class KafkaTestBroker {

  /** The alert topic the tests use; partitioned so that keys spread over consumers. */
  public static final String ALERTS = "bulwark.alerts";

  public static final String DEAD_LETTERS = "bulwark.alerts.invalid";
  public static final int PARTITIONS = 4;

  private static EmbeddedKafkaKraftBroker broker;

  private KafkaTestBroker() {}

  /** Creates a topic of its own for a test, with {@link #PARTITIONS} partitions. */
  public static void createTopic(String name) {
    bootstrapServers();
    broker.addTopics(new NewTopic(name, PARTITIONS, (short) 1));
  }

  /** The bootstrap servers of the broker, starting it on first use. */
  public static synchronized String bootstrapServers() {
    if (broker == null) {
      EmbeddedKafkaKraftBroker started =
          new EmbeddedKafkaKraftBroker(1, PARTITIONS, ALERTS, DEAD_LETTERS);
      started.afterPropertiesSet();
      Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "stop-kafka"));
      broker = started;
    }
    return broker.getBrokersAsString();
  }
}
