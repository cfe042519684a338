package dev.bulwark.app.intake.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bulwark.kafka.*}: a Kafka topic as an alert source. The brokers and their security come
 * from Spring Boot's own {@code spring.kafka.*} settings (e.g. {@code
 * spring.kafka.bootstrap-servers}).
 */
@ConfigurationProperties(prefix = KafkaIntakeProperties.PREFIX)
public class KafkaIntakeProperties {

  public static final String PREFIX = "bulwark.kafka";

  /** Consume alerts from {@link #topic}; off by default, as the engine runs without Kafka. */
  private boolean enabled = false;

  /** The topic alerts arrive on, one alert (or a JSON array of alerts) per record. */
  private String topic = "bulwark.alerts";

  /** The consumer group the engine nodes share, so that partitions are shared out between them. */
  private String groupId = "bulwark-engine";

  /** Where a record that is not a valid alert goes, with the reason, so that nothing is lost. */
  private String deadLetterTopic = "bulwark.alerts.invalid";

  /** Consumer threads per node; more than the topic's partitions is wasted. */
  private int concurrency = 1;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public String getGroupId() {
    return groupId;
  }

  public void setGroupId(String groupId) {
    this.groupId = groupId;
  }

  public String getDeadLetterTopic() {
    return deadLetterTopic;
  }

  public void setDeadLetterTopic(String deadLetterTopic) {
    this.deadLetterTopic = deadLetterTopic;
  }

  public int getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(int concurrency) {
    this.concurrency = concurrency;
  }
}
