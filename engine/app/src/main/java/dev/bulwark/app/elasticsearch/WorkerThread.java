package dev.bulwark.app.elasticsearch;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * A daemon thread that talks to Elasticsearch from the start of the application to its stop. Its
 * loop decides how long to wait between turns (a back-off, a poll interval); {@link #stop()} cuts
 * any wait short, so shutdown never waits out a back-off.
 */
public abstract class WorkerThread implements SmartLifecycle {

  private final String threadName;
  private final Semaphore stopSignal = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;

  protected WorkerThread(String threadName) {
    this.threadName = threadName;
  }

  /** Called once before the thread starts; the place for the "started" log line. */
  protected abstract void starting();

  /** The thread's whole work: turns while {@link #running()}, each followed by {@link #pause}. */
  protected abstract void loop();

  /** Called after the thread has ended (or ten seconds of waiting for it). */
  protected void stopped() {}

  protected final boolean running() {
    return running;
  }

  /**
   * Waits this long unless the worker is stopped meanwhile; false when the thread was interrupted
   * and should end.
   */
  protected final boolean pause(long millis) {
    if (millis <= 0) {
      return true;
    }
    try {
      stopSignal.tryAcquire(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The innermost cause of a failure, as a line for the log and the health details. */
  protected static String describe(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void start() {
    running = true;
    starting();
    thread = new Thread(this::loop, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    stopSignal.release();
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stopped();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
