package dev.bulwark.core.risk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where risk signals are kept, by entity and event time. Writes happen inside the journal
 * processor's transaction, so a signal counts exactly once.
 */
public interface RiskStore {

  void record(RiskSignal signal);

  /** The entity's signals with an event time in {@code [from, to]}, oldest first. */
  List<RiskSignal> signals(String entityKey, Instant from, Instant to);

  /**
   * Deletes up to {@code limit} signals whose event time is before {@code cutoff}; returns how many
   * it deleted. Safe to call from several nodes at once: each deletes what is still there.
   */
  int prune(Instant cutoff, int limit);

  /** The newest event time among all signals, if there are any. */
  Optional<Instant> newestEventTime();

  /** When an incident with this correlation key was last marked contained, if ever. */
  Optional<Instant> lastContained(String correlationKey);
}
