package dev.bulwark.app.pipeline;

import dev.bulwark.app.cluster.RulesLease;
import dev.bulwark.app.config.BulwarkProperties;
import dev.bulwark.core.pipeline.CursorMovedException;
import dev.bulwark.core.pipeline.JournalProcessor;
import dev.bulwark.core.pipeline.PlaybookDispatcher;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one thread that moves alerts from the journal through the rules to incidents and playbooks.
 * The intake wakes it after each commit, so an alert reaches its incident in milliseconds; it also
 * looks on its own every poll interval, which covers alerts left from before a restart.
 */
@Component
public class JournalWorker implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(JournalWorker.class);

  private final JournalProcessor processor;
  private final PlaybookDispatcher playbooks;
  private final BulwarkProperties.Processor settings;
  private final RulesLease lease;
  private volatile boolean leading;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;

  JournalWorker(
      JournalProcessor processor,
      PlaybookDispatcher playbooks,
      BulwarkProperties properties,
      RulesLease lease) {
    this.processor = processor;
    this.lease = lease;
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
    thread = new Thread(this::run, "bulwark-journal-worker");
    thread.setDaemon(true);
    thread.start();
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
        if (!lead()) {
          continue;
        }
        processor.processAvailable();
        playbooks.launchPending();
        backoffMillis = 0;
      } catch (CursorMovedException e) {
        // Another node took the lease while this one was evaluating: it has the alerts now.
        LOG.warn("BULWARK-8003 {}", e.getMessage());
        leading = false;
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
   * Whether this node evaluates now. A node that just took over starts from a fresh rules session
   * warmed up from the journal, since the previous holder evaluated alerts this one never saw.
   */
  private boolean lead() {
    boolean holds = lease.holdOrTake();
    if (holds && !leading) {
      processor.reset();
      LOG.info("BULWARK-8001 node {} now evaluates the rules", lease.nodeId());
    } else if (!holds && leading) {
      processor.reset();
      LOG.warn("BULWARK-8002 node {} no longer holds the rules lease", lease.nodeId());
    }
    leading = holds;
    return holds;
  }

  @Override
  public void stop() {
    running = false;
    if (thread != null) {
      wakeUps.release();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processor.reset();
    if (leading) {
      leading = false;
      try {
        lease.release();
      } catch (RuntimeException e) {
        // The lease then expires on its own; another node waits out the lease duration.
        LOG.warn("BULWARK-8004 could not release the rules lease: {}", e.getMessage());
      }
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
