package dev.bulwark.core.pipeline;

import java.util.Collection;

/**
 * Serialises the transactions that write decisions about the same correlation key. Within one
 * partition a single thread writes, but a global rule and an identity rule can score one user from
 * two partitions (two nodes) at once; without a lock both could find no open incident and open one
 * each. Called inside the transaction; the locks last until it ends.
 */
@FunctionalInterface
public interface CorrelationLocks {

  /** No other writer: one processor evaluates everything (a single node, tests). */
  CorrelationLocks NONE = keys -> {};

  void lock(Collection<String> correlationKeys);
}
