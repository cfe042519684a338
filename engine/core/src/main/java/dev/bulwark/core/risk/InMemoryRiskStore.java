package dev.bulwark.core.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Risk signals in memory: for dry runs (backtests, rule tests) that must not touch the database.
 * Containments are whatever {@link #contained} was told.
 */
public final class InMemoryRiskStore implements RiskStore {

  private final Map<String, List<RiskSignal>> byEntity = new HashMap<>();
  private final Map<String, Instant> contained = new HashMap<>();

  @Override
  public synchronized void record(RiskSignal signal) {
    byEntity.computeIfAbsent(signal.entityKey(), key -> new ArrayList<>()).add(signal);
  }

  @Override
  public synchronized List<RiskSignal> signals(String entityKey, Instant from, Instant to) {
    return byEntity.getOrDefault(entityKey, List.of()).stream()
        .filter(signal -> !signal.eventTime().isBefore(from) && !signal.eventTime().isAfter(to))
        .sorted((a, b) -> a.eventTime().compareTo(b.eventTime()))
        .toList();
  }

  @Override
  public synchronized int prune(Instant cutoff, int limit) {
    int deleted = 0;
    for (List<RiskSignal> signals : byEntity.values()) {
      for (var it = signals.iterator(); it.hasNext() && deleted < limit; ) {
        if (it.next().eventTime().isBefore(cutoff)) {
          it.remove();
          deleted++;
        }
      }
    }
    byEntity.values().removeIf(List::isEmpty);
    return deleted;
  }

  @Override
  public synchronized Optional<Instant> newestEventTime() {
    return byEntity.values().stream()
        .flatMap(List::stream)
        .map(RiskSignal::eventTime)
        .max(Instant::compareTo);
  }

  @Override
  public synchronized Optional<Instant> lastContained(String correlationKey) {
    return Optional.ofNullable(contained.get(correlationKey));
  }

  /** Records that the incident with this correlation key was contained at that time. */
  public synchronized void contained(String correlationKey, Instant at) {
    contained.put(correlationKey, at);
  }
}
