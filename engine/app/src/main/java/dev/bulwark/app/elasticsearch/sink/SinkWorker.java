package dev.bulwark.app.elasticsearch.sink;

import dev.bulwark.app.elasticsearch.ElasticsearchProperties;
import dev.bulwark.app.elasticsearch.WorkerHealth;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.SmartLifecycle;

/**
 * The thread that empties the outbox into Elasticsearch: batch after batch while there is a
 * backlog, then once per flush interval. While Elasticsearch is unreachable it backs off (up to the
 * configured maximum), reports DOWN with the backlog, and the engine goes on writing the outbox.
 */
public class SinkWorker implements SmartLifecycle {

  private final OutboxFlusher flusher;
  private final SearchIndices indices;
  private final ElasticsearchProperties.Sink settings;
  private final String uris;
  private final WorkerHealth health;
  private final Semaphore stopSignal = new Semaphore(0);
  private final AtomicLong indexed = new AtomicLong();
  private volatile boolean running;
  private volatile boolean indicesReady;
  private Thread thread;

  public SinkWorker(
      OutboxFlusher flusher,
      SearchIndices indices,
      ElasticsearchProperties properties,
      WorkerHealth health) {
    this.flusher = flusher;
    this.indices = indices;
    this.settings = properties.getSink();
    this.uris = String.join(",", properties.getUris());
    this.health = health;
  }

  @Override
  public void start() {
    running = true;
    SinkLog.started(uris);
    thread = new Thread(this::run, "bulwark-es-sink");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    long retryMillis = 0;
    while (running) {
      long waitMillis;
      try {
        long backlog = health.isUp() ? 0 : flusher.backlog();
        waitMillis = flushAvailable();
        if (health.up()) {
          SinkLog.recovered(uris, backlog);
        }
        retryMillis = 0;
      } catch (IOException | RuntimeException e) {
        retryMillis =
            Math.min(
                settings.getMaxRetryInterval().toMillis(),
                Math.max(settings.getFlushInterval().toMillis(), retryMillis * 2));
        String reason = describe(e);
        if (health.down(reason)) {
          SinkLog.unreachable(uris, reason, safeBacklog(), retryMillis);
        }
        waitMillis = retryMillis;
      }
      health.detail("backlog", safeBacklog());
      health.detail("indexed", indexed.get());
      try {
        stopSignal.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Flushes while full batches go through; returns how long to wait before the next look. */
  private long flushAvailable() throws IOException {
    if (!indicesReady) {
      indices.ensure();
      indicesReady = true;
    }
    while (running) {
      OutboxFlusher.Flush flush = flusher.flushOnce();
      indexed.addAndGet(flush.indexed());
      if (flush.records() < settings.getBatchSize()
          || flush.retryable() > 0
          || flush.failed() > 0) {
        break;
      }
    }
    return settings.getFlushInterval().toMillis();
  }

  private long safeBacklog() {
    try {
      return flusher.backlog();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static String describe(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
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
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
