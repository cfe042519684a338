package dev.bulwark.app.pipeline;

import dev.bulwark.app.cluster.ClusterProperties;
import dev.bulwark.app.cluster.PartitionLeases;
import dev.bulwark.app.cluster.RulesLease;
import dev.bulwark.app.config.BulwarkProperties;
import dev.bulwark.core.journal.JournalPartitions;
import dev.bulwark.core.pipeline.CursorMovedException;
import dev.bulwark.core.pipeline.PlaybookDispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The thread that moves alerts from the journal through the rules to incidents and playbooks: for
 * each journal partition this node holds, its identity rules, and, on the node holding the {@code
 * rules} lease, the global rules and the playbook starts (ADR 0802). The intake wakes it after each
 * commit, so an alert reaches its incident in milliseconds; it also looks on its own every poll
 * interval, which covers alerts left from before a restart and alerts taken in by other nodes.
 */
@Component
public class JournalWorker implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(JournalWorker.class);

  private final JournalProcessors processors;
  private final PlaybookDispatcher playbooks;
  private final BulwarkProperties.Processor settings;
  private final RulesLease lease;
  private final PartitionLeases partitionLeases;
  private volatile boolean leading;
  private volatile Set<Integer> evaluating = Set.of();
  private final Semaphore wakeUps = new Semaphore(0);
  private final Duration leaseDuration;
  private volatile boolean running;
  private Thread thread;
  private ScheduledExecutorService renewer;
  // Evaluates the partitions side by side; null with one thread: the worker evaluates them itself.
  private ExecutorService evaluators;

  JournalWorker(
      JournalProcessors processors,
      PlaybookDispatcher playbooks,
      BulwarkProperties properties,
      RulesLease lease,
      PartitionLeases partitionLeases,
      ClusterProperties cluster) {
    this.leaseDuration = cluster.getLeaseDuration();
    this.processors = processors;
    this.lease = lease;
    this.partitionLeases = partitionLeases;
    this.playbooks = playbooks;
    this.settings = properties.getProcessor();
  }

  /** Called after the journal committed new alerts. */
  public void wake() {
    if (wakeUps.availablePermits() == 0) {
      wakeUps.release();
    }
  }

  @Override
  public void start() {
    if (!settings.isEnabled()) {
      LOG.warn("BULWARK-0102 rule processing is off (bulwark.processor.enabled=false)");
      return;
    }
    running = true;
    if (settings.getThreads() > 1) {
      evaluators = Executors.newFixedThreadPool(settings.getThreads(), daemon("bulwark-rules"));
    }
    thread = new Thread(this::run, "bulwark-journal-worker");
    thread.setDaemon(true);
    thread.start();
    // Leases are renewed on a thread of their own: a long batch or a partition's warm-up must not
    // let them expire and hand the partitions to another node in the middle of the work.
    renewer = Executors.newSingleThreadScheduledExecutor(daemon("bulwark-lease-renewer"));
    long period = Math.max(100, leaseDuration.toMillis() / 4);
    renewer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private void renew() {
    try {
      partitionLeases.hold();
      lease.holdOrTake();
    } catch (RuntimeException e) {
      // The worker's own calls retry; if the database stays away the leases expire, as they should.
      LOG.warn("BULWARK-8006 renewing the rules leases failed: {}", e.getMessage());
    }
  }

  private void run() {
    long backoffMillis = 0;
    while (running) {
      try {
        wakeUps.tryAcquire(
            Math.max(backoffMillis, settings.getPollInterval().toMillis()), TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
        if (!running) {
          return;
        }
        List<Runnable> work = new ArrayList<>();
        for (int partition : partitions()) {
          work.add(() -> evaluate(partition));
        }
        if (lead()) {
          work.add(this::evaluateGlobal);
        }
        runAll(work);
        backoffMillis = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // Nothing is lost: the cursor did not move. Back off so a broken database is not hammered.
        backoffMillis = Math.min(30_000, Math.max(1_000, backoffMillis * 2));
        LOG.error(
            "BULWARK-0103 processing the journal failed, retrying in {} ms: {}",
            backoffMillis,
            e.getMessage(),
            e);
      }
    }
  }

  /**
   * Runs each piece of work (a partition, the global rules) on the evaluator threads, or in turn
   * without them, and waits for all. Each has its own cursor and session, so they run side by side;
   * the first failure is rethrown once all have finished, and the loop backs off.
   */
  private void runAll(List<Runnable> work) throws InterruptedException {
    if (evaluators == null) {
      work.forEach(Runnable::run);
      return;
    }
    List<Future<?>> running = new ArrayList<>();
    for (Runnable each : work) {
      running.add(evaluators.submit(each));
    }
    RuntimeException failure = null;
    for (Future<?> each : running) {
      try {
        each.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException cause
                  ? cause
                  : new IllegalStateException(e.getCause());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void evaluate(int partition) {
    try {
      processors.partition(partition).processAvailable();
    } catch (CursorMovedException e) {
      // Another node took the partition while this one was evaluating: it has the alerts now.
      LOG.warn("BULWARK-8003 partition {}: {}", partition, e.getMessage());
      partitionLeases.lost(partition);
      evaluating = partitionLeases.hold();
    }
  }

  private void evaluateGlobal() {
    try {
      processors.global().processAvailable();
      playbooks.launchPending();
    } catch (CursorMovedException e) {
      LOG.warn("BULWARK-8003 global rules: {}", e.getMessage());
      leading = false;
    }
  }

  /**
   * The partitions this node evaluates now. A partition it just took starts from a fresh session
   * warmed up from that partition's journal, since its previous holder evaluated alerts this node
   * never saw; one it gave up drops its session.
   */
  private Set<Integer> partitions() {
    Set<Integer> held = partitionLeases.hold();
    if (!held.equals(evaluating)) {
      for (int partition = 0; partition < JournalPartitions.COUNT; partition++) {
        boolean holds = held.contains(partition);
        if (holds != evaluating.contains(partition)) {
          processors.partition(partition).reset();
        }
      }
      LOG.info(
          "BULWARK-8005 node {} evaluates the identity rules of partitions {} (was {})",
          partitionLeases.nodeId(),
          new TreeSet<>(held),
          new TreeSet<>(evaluating));
      evaluating = held;
    }
    return held;
  }

  /**
   * Whether this node evaluates the global rules and starts playbooks now. A node that just took
   * over starts from a fresh session warmed up from the journal.
   */
  private boolean lead() {
    boolean holds = lease.holdOrTake();
    if (holds && !leading) {
      processors.global().reset();
      LOG.info("BULWARK-8001 node {} now evaluates the global rules", lease.nodeId());
    } else if (!holds && leading) {
      processors.global().reset();
      LOG.warn("BULWARK-8002 node {} no longer holds the rules lease", lease.nodeId());
    }
    leading = holds;
    return holds;
  }

  @Override
  public void stop() {
    running = false;
    if (renewer != null) {
      renewer.shutdownNow();
    }
    if (thread != null) {
      wakeUps.release();
      try {
        thread.join(10_000);
        if (evaluators != null) {
          evaluators.shutdown();
          evaluators.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (renewer != null) {
          renewer.awaitTermination(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processors.reset();
    try {
      partitionLeases.releaseAll();
      if (leading) {
        leading = false;
        lease.release();
      }
    } catch (RuntimeException e) {
      // The leases then expire on their own; the other nodes wait out the lease duration.
      LOG.warn("BULWARK-8004 could not release the rules leases: {}", e.getMessage());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts after Camunda and the web server are up; stops before them. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }
}
