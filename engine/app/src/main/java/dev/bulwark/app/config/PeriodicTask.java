package dev.bulwark.app.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Background work that runs on its own daemon thread every {@link #interval()}, from the start of
 * the application to its stop. A run that throws is reported to {@link #failed} and the next run
 * happens as planned: one bad poll must not end the polling.
 */
public abstract class PeriodicTask implements SmartLifecycle {

  private final String threadName;
  private ScheduledExecutorService executor;

  protected PeriodicTask(String threadName) {
    this.threadName = threadName;
  }

  /** The delay between two runs (and before the first); zero or less: the task does not run. */
  protected abstract Duration interval();

  /** One run. */
  protected abstract void runOnce();

  /** A run threw; the task goes on. */
  protected abstract void failed(RuntimeException e);

  /** Called once before the first run is scheduled, only when the task runs at all. */
  protected void starting() {}

  @Override
  public void start() {
    long every = interval().toMillis();
    if (every <= 0) {
      return;
    }
    starting();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MILLISECONDS);
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
