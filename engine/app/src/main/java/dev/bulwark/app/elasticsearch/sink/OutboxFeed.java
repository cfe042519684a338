package dev.bulwark.app.elasticsearch.sink;

import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.incident.IncidentStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the outbox in front of the engine's incident store and action ledger, so every write that
 * should reach Elasticsearch records itself without the stores knowing about search.
 */
public class OutboxFeed implements BeanPostProcessor {

  private final ObjectProvider<SearchOutbox> outbox;
  private final ObjectProvider<TransactionTemplate> transactions;
  private final boolean auditFromTimeline;

  public OutboxFeed(
      ObjectProvider<SearchOutbox> outbox,
      ObjectProvider<TransactionTemplate> transactions,
      boolean auditFromTimeline) {
    this.outbox = outbox;
    this.transactions = transactions;
    this.auditFromTimeline = auditFromTimeline;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof IncidentStore store && !(bean instanceof OutboxRecordingIncidentStore)) {
      return new OutboxRecordingIncidentStore(
          store, outbox.getObject(), transactions.getObject(), auditFromTimeline);
    }
    if (bean instanceof ActionLedger ledger && !(bean instanceof OutboxRecordingActionLedger)) {
      return new OutboxRecordingActionLedger(ledger, outbox.getObject(), transactions.getObject());
    }
    return bean;
  }
}
