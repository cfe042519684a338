package dev.bulwark.core.pipeline;

import java.util.List;
import java.util.function.Supplier;

/**
 * Transactions over in-memory fakes: runs the work, and when told to fail the next commits, puts
 * the fakes back as they were and throws, as a database does with a transaction whose commit
 * failed.
 */
final class TestTransactions implements Transactions {

  private final List<Supplier<Runnable>> snapshots;
  private int failuresLeft;
  int commits;

  /**
   * @param snapshots each takes a snapshot of one fake and returns what restores it
   */
  @SafeVarargs
  TestTransactions(Supplier<Runnable>... snapshots) {
    this.snapshots = List.of(snapshots);
  }

  void failNextCommits(int count) {
    failuresLeft = count;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    List<Runnable> rollback = snapshots.stream().map(Supplier::get).toList();
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      rollback.forEach(Runnable::run);
      throw e;
    }
    if (failuresLeft > 0) {
      failuresLeft--;
      rollback.forEach(Runnable::run);
      throw new IllegalStateException("commit failed: connection reset");
    }
    commits++;
    return result;
  }
}
