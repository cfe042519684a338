package dev.bulwark.core.incident;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link IncidentStore} in maps, for dry runs (backtests, rule tests) whose incidents must not
 * reach the database; keeps insertion order.
 */
public final class ScratchIncidentStore implements IncidentStore {

  private final Map<String, Incident> incidents = new LinkedHashMap<>();
  private final Map<String, Set<Long>> alerts = new LinkedHashMap<>();
  private final Map<String, List<TimelineEntry>> timelines = new LinkedHashMap<>();

  @Override
  public synchronized Optional<Incident> findOpen(String correlationKey) {
    return incidents.values().stream()
        .filter(incident -> incident.status() == IncidentStatus.OPEN)
        .filter(incident -> incident.correlationKey().equals(correlationKey))
        .findFirst();
  }

  @Override
  public synchronized Optional<Incident> find(String id) {
    return Optional.ofNullable(incidents.get(id));
  }

  @Override
  public synchronized void insert(Incident incident) {
    if (incidents.putIfAbsent(incident.id(), incident) != null) {
      throw new IllegalStateException("incident " + incident.id() + " exists already");
    }
  }

  @Override
  public synchronized void update(Incident incident) {
    if (incidents.replace(incident.id(), incident) == null) {
      throw new IllegalStateException("no incident " + incident.id() + " to update");
    }
  }

  @Override
  public synchronized List<Long> attachAlerts(String incidentId, List<Long> alertSeqs) {
    Set<Long> attached = alerts.computeIfAbsent(incidentId, id -> new LinkedHashSet<>());
    List<Long> added = new ArrayList<>();
    for (Long seq : alertSeqs) {
      if (attached.add(seq)) {
        added.add(seq);
      }
    }
    return added;
  }

  @Override
  public synchronized void addTimeline(String incidentId, TimelineEntry entry) {
    timelines.computeIfAbsent(incidentId, id -> new ArrayList<>()).add(entry);
  }

  @Override
  public synchronized List<TimelineEntry> timeline(String incidentId) {
    return List.copyOf(timelines.getOrDefault(incidentId, List.of()));
  }

  @Override
  public synchronized Page page(int page, int size) {
    List<Incident> all = all();
    int from = Math.min(page * size, all.size());
    return new Page(all.subList(from, Math.min(from + size, all.size())), all.size());
  }

  @Override
  public synchronized List<Incident> pendingPlaybooks(int skip, int max) {
    return incidents.values().stream()
        .filter(incident -> incident.playbook().state() == PlaybookRef.PlaybookState.PENDING)
        .sorted(Comparator.comparing(Incident::createdAt))
        .skip(skip)
        .limit(max)
        .toList();
  }

  /** Takes the store as it is now; running the result puts it back (a rolled-back transaction). */
  public synchronized Runnable snapshot() {
    Map<String, Incident> incidentsThen = new LinkedHashMap<>(incidents);
    Map<String, Set<Long>> alertsThen = new LinkedHashMap<>();
    alerts.forEach((id, seqs) -> alertsThen.put(id, new LinkedHashSet<>(seqs)));
    Map<String, List<TimelineEntry>> timelinesThen = new LinkedHashMap<>();
    timelines.forEach((id, entries) -> timelinesThen.put(id, new ArrayList<>(entries)));
    return () -> {
      synchronized (this) {
        incidents.clear();
        incidents.putAll(incidentsThen);
        alerts.clear();
        alerts.putAll(alertsThen);
        timelines.clear();
        timelines.putAll(timelinesThen);
      }
    };
  }

  public synchronized List<Incident> all() {
    return List.copyOf(incidents.values());
  }

  public synchronized Set<Long> attachedAlerts(String incidentId) {
    return Set.copyOf(alerts.getOrDefault(incidentId, Set.of()));
  }
}
