package dev.bulwark.app.intake.kafka;

import dev.bulwark.app.config.BulwarkProperties;
import dev.bulwark.app.pipeline.JournalWorker;
import dev.bulwark.core.alert.AlertBatchParser;
import dev.bulwark.core.journal.AlertJournal;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Kafka alert source, on when {@code bulwark.kafka.enabled=true}. Connection and security
 * settings are Spring Boot's {@code spring.kafka.*}; the serialisers and the commit policy are
 * fixed here because the journal's guarantees depend on them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    prefix = KafkaIntakeProperties.PREFIX,
    name = "enabled",
    havingValue = "true")
class KafkaIntakeConfiguration {

  @Bean
  ConcurrentMessageListenerContainer<String, byte[]> kafkaAlertIntake(
      KafkaProperties kafka,
      SslBundles ssl,
      KafkaIntakeProperties settings,
      BulwarkProperties bulwark,
      AlertJournal journal,
      JournalWorker worker) {
    Map<String, Object> consumer = kafka.buildConsumerProperties(ssl);
    consumer.put(ConsumerConfig.GROUP_ID_CONFIG, settings.getGroupId());
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // Offsets move only when the container commits them, after the journal commit.
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");

    ContainerProperties container = new ContainerProperties(settings.getTopic());
    container.setAckMode(AckMode.BATCH);
    container.setMessageListener(
        new KafkaAlertListener(
            new AlertBatchParser(
                bulwark.getIntake().getMaxBatchSize(), bulwark.getIntake().getMaxNestingDepth()),
            journal,
            worker,
            deadLetters(kafka, ssl),
            settings.getDeadLetterTopic()));

    ConcurrentMessageListenerContainer<String, byte[]> intake =
        new ConcurrentMessageListenerContainer<>(
            new DefaultKafkaConsumerFactory<>(consumer), container);
    intake.setConcurrency(settings.getConcurrency());
    intake.setCommonErrorHandler(retryForever());
    return intake;
  }

  /**
   * A batch whose journal commit failed (database down) is polled again until it succeeds: the
   * offsets stay put, so skipping it would lose alerts. Backs off up to 30 s between tries.
   */
  private static DefaultErrorHandler retryForever() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(30_000);
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    return new DefaultErrorHandler(backOff);
  }

  private static KafkaTemplate<String, byte[]> deadLetters(KafkaProperties kafka, SslBundles ssl) {
    Map<String, Object> producer = kafka.buildProducerProperties(ssl);
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer));
  }
}
