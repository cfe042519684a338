package dev.bulwark.core.journal;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.alert.IncomingAlert;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An {@link AlertJournal} in a list, for tests; remembers every position it was marked at. */
public final class InMemoryAlertJournal implements AlertJournal {

  private final List<Alert> alerts = new ArrayList<>();
  private final Set<String> dedupKeys = new HashSet<>();
  private final List<Long> marks = new ArrayList<>();
  private final Clock clock;
  private long processedUpTo;

  public InMemoryAlertJournal(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized AppendResult append(List<IncomingAlert> incoming) {
    int accepted = 0;
    for (IncomingAlert alert : incoming) {
      if (dedupKeys.add(alert.dedupKey())) {
        alerts.add(
            new Alert(alerts.size() + 1, alert.timestamp(), alert.document(), clock.instant()));
        accepted++;
      }
    }
    return new AppendResult(accepted, incoming.size() - accepted);
  }

  @Override
  public synchronized List<Alert> readAfter(long afterSeq, int max) {
    return alerts.stream().filter(alert -> alert.seq() > afterSeq).limit(max).toList();
  }

  @Override
  public synchronized List<Alert> readWindow(
      long afterSeq, long upToSeq, Instant since, Instant until, int max) {
    return alerts.stream()
        .filter(alert -> alert.seq() > afterSeq && alert.seq() <= upToSeq)
        .filter(alert -> !alert.timestamp().isBefore(since) && !alert.timestamp().isAfter(until))
        .limit(max)
        .toList();
  }

  @Override
  public synchronized long processedUpTo() {
    return processedUpTo;
  }

  @Override
  public synchronized void markProcessed(long seq) {
    processedUpTo = seq;
    marks.add(seq);
  }

  @Override
  public synchronized Instant latestEventTime(long upToSeq) {
    return alerts.stream()
        .filter(alert -> alert.seq() <= upToSeq)
        .map(Alert::timestamp)
        .max(Instant::compareTo)
        .orElse(null);
  }

  @Override
  public synchronized long lastSeq() {
    return alerts.size();
  }

  /** The positions {@link #markProcessed} was called with, in order. */
  public synchronized List<Long> marks() {
    return List.copyOf(marks);
  }

  /** Takes the cursor as it is now; running the result puts it back (a rolled-back transaction). */
  public synchronized Runnable snapshot() {
    long cursor = processedUpTo;
    int markCount = marks.size();
    return () -> {
      synchronized (this) {
        processedUpTo = cursor;
        marks.subList(markCount, marks.size()).clear();
      }
    };
  }
}
