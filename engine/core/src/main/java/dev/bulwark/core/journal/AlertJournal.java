package dev.bulwark.core.journal;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.alert.IncomingAlert;
import java.time.Instant;
import java.util.List;

/**
 * The durable, ordered record of every alert the engine accepted: the source of truth. An alert is
 * acknowledged to its sender only after {@link #append} returned, and the rules read it from here,
 * so a crash between the two loses nothing.
 */
public interface AlertJournal {

  /**
   * Commits the alerts that the journal does not hold yet, in the given order, in one transaction.
   * An alert whose dedup key is already journaled (or repeats earlier in the same batch) is counted
   * as a duplicate and not stored again.
   */
  AppendResult append(List<IncomingAlert> alerts);

  /** Up to {@code max} alerts committed after position {@code afterSeq}, in journal order. */
  List<Alert> readAfter(long afterSeq, int max);

  /** The end of an open-ended window: later than any event time an alert may carry. */
  Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

  /**
   * Up to {@code max} alerts after {@code afterSeq} and up to {@code upToSeq} whose event time is
   * at or after {@code since}, in journal order: what a restarted engine replays to rebuild its
   * correlation windows.
   */
  default List<Alert> readWindow(long afterSeq, long upToSeq, Instant since, int max) {
    return readWindow(afterSeq, upToSeq, since, END_OF_TIME, max);
  }

  /**
   * The same, with event times from {@code since} to {@code until} (both included): what a backtest
   * of a past period reads, without the journal that came after it.
   */
  List<Alert> readWindow(long afterSeq, long upToSeq, Instant since, Instant until, int max);

  /** The position up to which the rules have evaluated the journal (0 when nothing). */
  long processedUpTo();

  /** Records that the rules have evaluated the journal up to {@code seq}. */
  void markProcessed(long seq);

  /**
   * Moves the rules' position from {@code from} to {@code to} only if it still is {@code from};
   * returns false when another evaluator moved it meanwhile (its decisions already committed).
   */
  default boolean advance(long from, long to) {
    if (processedUpTo() != from) {
      return false;
    }
    markProcessed(to);
    return true;
  }

  /** The latest event time among alerts up to {@code seq}, or {@code null} when there are none. */
  Instant latestEventTime(long upToSeq);

  /** The last journal position (0 when empty). */
  long lastSeq();

  record AppendResult(int accepted, int duplicates) {}
}
