package dev.bulwark.app.intake.kafka;

import dev.bulwark.app.pipeline.JournalWorker;
import dev.bulwark.core.alert.AlertBatchParser;
import dev.bulwark.core.alert.IncomingAlert;
import dev.bulwark.core.alert.InvalidAlertsException;
import dev.bulwark.core.journal.AlertJournal;
import dev.bulwark.core.journal.AlertJournal.AppendResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Journals each polled batch of records in one transaction. The container commits the batch's
 * offsets only after this method returns, that is after the journal commit: a crash before that
 * redelivers the batch, and the journal's dedup keys turn the redelivery into duplicates (at least
 * once in, exactly once in effect). A record that is not a valid alert goes to the dead-letter
 * topic with the reason before the offsets move.
 */
final class KafkaAlertListener implements BatchMessageListener<String, byte[]> {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaAlertListener.class);
  static final String ERROR_HEADER = "bulwark.error";

  private final AlertBatchParser parser;
  private final AlertJournal journal;
  private final JournalWorker worker;
  private final KafkaTemplate<String, byte[]> deadLetters;
  private final String deadLetterTopic;

  KafkaAlertListener(
      AlertBatchParser parser,
      AlertJournal journal,
      JournalWorker worker,
      KafkaTemplate<String, byte[]> deadLetters,
      String deadLetterTopic) {
    this.parser = parser;
    this.journal = journal;
    this.worker = worker;
    this.deadLetters = deadLetters;
    this.deadLetterTopic = deadLetterTopic;
  }

  @Override
  public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
    List<IncomingAlert> alerts = new ArrayList<>(records.size());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        if (record.value() == null) {
          throw new IllegalArgumentException("the record has no value (a tombstone)");
        }
        alerts.addAll(parser.parseJson(record.value()));
      } catch (InvalidAlertsException | IllegalArgumentException e) {
        deadLetter(record, e.getMessage());
      }
    }
    if (alerts.isEmpty()) {
      return;
    }
    AppendResult result = journal.append(alerts);
    if (result.accepted() > 0) {
      worker.wake();
    }
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    LOG.warn(
        "BULWARK-8101 record {} is not a valid alert, sent to {}: {}",
        where,
        deadLetterTopic,
        reason);
    ProducerRecord<String, byte[]> letter =
        new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
    letter.headers().add(ERROR_HEADER, (where + ": " + reason).getBytes(StandardCharsets.UTF_8));
    try {
      // Wait for the broker: the offset must not move past a record that is nowhere else.
      deadLetters.send(letter).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering " + where, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not dead-letter record " + where, e);
    }
  }
}
