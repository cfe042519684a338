package dev.bulwark.app.intake;

import dev.bulwark.app.config.BulwarkProperties;
import dev.bulwark.app.web.TooManyRequestsException;
import dev.bulwark.core.journal.AlertJournal;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Refuses new alerts while the rules are too far behind, so a storm fills the senders' retry queues
 * rather than the engine's disk without bound. The backlog is read at most twice a second.
 */
@Component
class IntakeBackPressure {

  private final AlertJournal journal;
  private final long maxBacklog;
  private final Duration retryAfter;

  IntakeBackPressure(AlertJournal journal, BulwarkProperties properties) {
    this.journal = journal;
    this.maxBacklog = properties.getIntake().getMaxBacklog();
    this.retryAfter = properties.getIntake().getRetryAfter();
  }

  void check() {
    // Positions, not a count: cheap on a large journal; gaps in seq only err on the generous side.
    long backlog = Math.max(0, journal.lastSeq() - journal.processedUpTo());
    if (backlog > maxBacklog) {
      throw new TooManyRequestsException(
          "the engine is "
              + backlog
              + " alerts behind (limit bulwark.intake.max-backlog = "
              + maxBacklog
              + "); retry after "
              + retryAfter.toSeconds()
              + " s",
          retryAfter);
    }
  }
}
