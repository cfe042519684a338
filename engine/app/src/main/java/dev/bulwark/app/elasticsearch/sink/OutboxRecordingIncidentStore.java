package dev.bulwark.app.elasticsearch.sink;

import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStore;
import dev.bulwark.core.incident.TimelineEntry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incident store, plus a record in the search outbox for every change, in the same transaction:
 * the change and its way to Elasticsearch commit together or not at all.
 */
final class OutboxRecordingIncidentStore implements IncidentStore {

  private final IncidentStore store;
  private final SearchOutbox outbox;
  private final TransactionTemplate transactions;
  private final boolean auditFromTimeline;

  OutboxRecordingIncidentStore(
      IncidentStore store,
      SearchOutbox outbox,
      TransactionTemplate transactions,
      boolean auditFromTimeline) {
    this.store = store;
    this.outbox = outbox;
    this.transactions = transactions;
    this.auditFromTimeline = auditFromTimeline;
  }

  @Override
  public void insert(Incident incident) {
    transactions.executeWithoutResult(
        status -> {
          store.insert(incident);
          outbox.incidentChanged(incident.id());
        });
  }

  @Override
  public void update(Incident incident) {
    transactions.executeWithoutResult(
        status -> {
          store.update(incident);
          outbox.incidentChanged(incident.id());
        });
  }

  @Override
  public void addTimeline(String incidentId, TimelineEntry entry) {
    transactions.executeWithoutResult(
        status -> {
          store.addTimeline(incidentId, entry);
          if (auditFromTimeline) {
            outbox.audit(
                new AuditRecord(
                    UUID.randomUUID().toString(),
                    entry.at(),
                    entry.kind(),
                    actor(entry),
                    incidentId,
                    entry.summary(),
                    entry.details()));
          }
          // Alert and rule summaries are searchable on the incident: index it again.
          outbox.incidentChanged(incidentId);
        });
  }

  /** The approver of an approval entry, when the timeline names one. */
  private static String actor(TimelineEntry entry) {
    Object actor = entry.details() == null ? null : entry.details().get("approver");
    return actor == null ? null : actor.toString();
  }

  @Override
  public Optional<Incident> findOpen(String correlationKey) {
    return store.findOpen(correlationKey);
  }

  @Override
  public Optional<Incident> find(String id) {
    return store.find(id);
  }

  @Override
  public List<Long> attachAlerts(String incidentId, List<Long> alertSeqs) {
    return store.attachAlerts(incidentId, alertSeqs);
  }

  @Override
  public List<TimelineEntry> timeline(String incidentId) {
    return store.timeline(incidentId);
  }

  @Override
  public Page page(int page, int size) {
    return store.page(page, size);
  }

  @Override
  public List<Incident> pendingPlaybooks(int skip, int max) {
    return store.pendingPlaybooks(skip, max);
  }
}
