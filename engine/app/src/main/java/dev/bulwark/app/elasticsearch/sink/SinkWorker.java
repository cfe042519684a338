package dev.bulwark.app.elasticsearch.sink;

import dev.bulwark.app.elasticsearch.ElasticsearchProperties;
import dev.bulwark.app.elasticsearch.WorkerHealth;
import dev.bulwark.app.elasticsearch.WorkerThread;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The thread that empties the outbox into Elasticsearch: batch after batch while there is a
 * backlog, then once per flush interval. While Elasticsearch is unreachable it backs off (up to the
 * configured maximum), reports DOWN with the backlog, and the engine goes on writing the outbox.
 */
public class SinkWorker extends WorkerThread {

  private final OutboxFlusher flusher;
  private final SearchIndices indices;
  private final ElasticsearchProperties.Sink settings;
  private final String uris;
  private final WorkerHealth health;
  private final AtomicLong indexed = new AtomicLong();
  private volatile boolean indicesReady;

  public SinkWorker(
      OutboxFlusher flusher,
      SearchIndices indices,
      ElasticsearchProperties properties,
      WorkerHealth health) {
    super("bulwark-es-sink");
    this.flusher = flusher;
    this.indices = indices;
    this.settings = properties.getSink();
    this.uris = String.join(",", properties.getUris());
    this.health = health;
  }

  @Override
  protected void starting() {
    SinkLog.started(uris);
  }

  @Override
  protected void loop() {
    long retryMillis = 0;
    while (running()) {
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
      if (!pause(waitMillis)) {
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
    while (running()) {
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
}
