package dev.bulwark.app.pipeline;

import dev.bulwark.core.journal.JournalPartitions;
import dev.bulwark.core.pipeline.JournalProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules' processors on this node: one per journal partition for the identity rules, each with
 * its own cursor and Drools session, and one for the global rules over the whole journal (ADR
 * 0802). Which of them run is decided by the leases; a processor that is not run holds no session.
 */
public final class JournalProcessors {

  private final JournalProcessor global;
  private final List<JournalProcessor> partitions;

  JournalProcessors(JournalProcessor global, List<JournalProcessor> partitions) {
    if (partitions.size() != JournalPartitions.COUNT) {
      throw new IllegalArgumentException(
          "expected " + JournalPartitions.COUNT + " partitions, got " + partitions.size());
    }
    this.global = global;
    this.partitions = List.copyOf(partitions);
  }

  public JournalProcessor global() {
    return global;
  }

  public JournalProcessor partition(int partition) {
    return partitions.get(partition);
  }

  /** Drops every session (a rule-set change): each rebuilds its windows from the journal. */
  public void reset() {
    List<JournalProcessor> all = new ArrayList<>(partitions);
    all.add(global);
    all.forEach(JournalProcessor::reset);
  }
}
