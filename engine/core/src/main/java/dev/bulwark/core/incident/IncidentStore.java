package dev.bulwark.core.incident;

import java.util.List;
import java.util.Optional;

/** Where incidents live. Writes happen inside the journal processor's transaction. */
public interface IncidentStore {

  Optional<Incident> findOpen(String correlationKey);

  Optional<Incident> find(String id);

  void insert(Incident incident);

  void update(Incident incident);

  /**
   * Links alerts to the incident; a link that exists already is left as it is. Returns the
   * positions that were newly linked, in the order given.
   */
  List<Long> attachAlerts(String incidentId, List<Long> alertSeqs);

  void addTimeline(String incidentId, TimelineEntry entry);

  List<TimelineEntry> timeline(String incidentId);

  Page page(int page, int size);

  /**
   * Incidents whose playbook was asked for and not started yet, oldest first, skipping the first
   * {@code skip} of them.
   */
  List<Incident> pendingPlaybooks(int skip, int max);

  record Page(List<Incident> items, long total) {}
}
