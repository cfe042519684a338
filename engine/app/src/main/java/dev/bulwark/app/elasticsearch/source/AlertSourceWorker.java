package dev.bulwark.app.elasticsearch.source;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.bulwark.app.elasticsearch.ElasticsearchProperties;
import dev.bulwark.app.elasticsearch.WorkerHealth;
import dev.bulwark.app.elasticsearch.WorkerThread;
import dev.bulwark.core.journal.AlertJournal;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The thread that polls Elasticsearch. It reads page after page while there is more, waits a poll
 * interval once the index is read to its end, pauses while the rules are too far behind the journal
 * (back-pressure), and keeps retrying, with its health DOWN, while the cluster is unreachable or
 * the index is missing.
 */
public class AlertSourceWorker extends WorkerThread {

  private final ElasticsearchAlertSource source;
  private final AlertJournal journal;
  private final ElasticsearchProperties.Source settings;
  private final String uris;
  private final WorkerHealth health;
  private final AtomicLong pulled = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong rejectedCount = new AtomicLong();

  public AlertSourceWorker(
      ElasticsearchAlertSource source,
      AlertJournal journal,
      ElasticsearchProperties properties,
      WorkerHealth health) {
    super("bulwark-es-source");
    this.source = source;
    this.journal = journal;
    this.settings = properties.getSource();
    this.uris = String.join(",", properties.getUris());
    this.health = health;
    health.detail("index", settings.getIndex());
  }

  @Override
  protected void starting() {
    SourceLog.started(settings.getIndex(), settings.getTiebreaker());
  }

  @Override
  protected void loop() {
    long retryMillis = 0;
    boolean pausedForBacklog = false;
    while (running()) {
      long waitMillis = 0;
      try {
        long backlog = journal.lastSeq() - journal.processedUpTo();
        health.detail("journalBacklog", backlog);
        if (backlog > settings.getMaxJournalBacklog()) {
          if (!pausedForBacklog) {
            SourceLog.backPressure(backlog, settings.getMaxJournalBacklog());
          }
          pausedForBacklog = true;
          health.detail("state", "paused: the rules are behind the journal");
          waitMillis = settings.getPollInterval().toMillis();
        } else {
          pausedForBacklog = false;
          ElasticsearchAlertSource.Page page = source.pollOnce();
          record(page);
          if (health.up()) {
            SourceLog.recovered(settings.getIndex());
          }
          health.detail("state", page.exhausted() ? "caught up" : "reading");
          retryMillis = 0;
          waitMillis = page.exhausted() ? settings.getPollInterval().toMillis() : 0;
        }
      } catch (ElasticsearchAlertSource.IndexMissingException e) {
        if (health.down(e.getMessage())) {
          SourceLog.indexMissing(settings.getIndex());
        }
        waitMillis = settings.getPollInterval().toMillis();
      } catch (IOException | ElasticsearchException e) {
        source.close();
        retryMillis =
            Math.min(
                settings.getPollInterval().toMillis() * 6,
                Math.max(settings.getPollInterval().toMillis(), retryMillis * 2));
        String reason = describe(e);
        if (health.down("cannot read " + settings.getIndex() + " at " + uris + ": " + reason)) {
          SourceLog.unreachable(uris, reason, retryMillis);
        }
        waitMillis = retryMillis;
      } catch (RuntimeException e) {
        // A database problem, most likely: nothing moved, so the same page is read again.
        source.close();
        retryMillis = Math.max(settings.getPollInterval().toMillis(), retryMillis * 2);
        if (health.down(describe(e))) {
          SourceLog.unreachable(uris, describe(e), retryMillis);
        }
        waitMillis = retryMillis;
      }
      if (!pause(waitMillis)) {
        return;
      }
    }
  }

  private void record(ElasticsearchAlertSource.Page page) {
    health.detail("pulled", pulled.addAndGet(page.accepted()));
    health.detail("duplicates", duplicates.addAndGet(page.duplicates()));
    health.detail("rejected", rejectedCount.addAndGet(page.rejected()));
  }

  /** Alerts journaled by this run, and how many the journal already held (should stay 0). */
  public long pulled() {
    return pulled.get();
  }

  public long duplicates() {
    return duplicates.get();
  }

  @Override
  protected void stopped() {
    source.close();
  }

  /** Starts after the journal worker, so the rules are ready for what it journals. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 50;
  }
}
