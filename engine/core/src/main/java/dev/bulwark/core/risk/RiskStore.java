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

  /** When an incident with this correlation key was last marked contained, if ever. */
  Optional<Instant> lastContained(String correlationKey);
}
