package dev.bulwark.app.pipeline;

import dev.bulwark.core.pipeline.Transactions;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * This node's rule processors evaluate their partitions in parallel, one thread each, but write
 * their decisions one at a time. Evaluation is the CPU work worth spreading over cores; the writes
 * are short, and two of this node's batches that score the same identity (a global rule and an
 * identity rule) would otherwise queue on the same correlation-lock row in the database, where a
 * wait longer than H2's lock timeout fails the batch. Between nodes the correlation locks still
 * decide (ADR 0802).
 */
final class OneWriterAtATime implements Transactions {

  private final Transactions transactions;
  private final ReentrantLock writing = new ReentrantLock();

  OneWriterAtATime(Transactions transactions) {
    this.transactions = transactions;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    writing.lock();
    try {
      return transactions.inTransaction(work);
    } finally {
      writing.unlock();
    }
  }
}
