package dev.bulwark.app.intake;

import dev.bulwark.app.config.BulwarkProperties;
import dev.bulwark.app.pipeline.JournalWorker;
import dev.bulwark.core.alert.AlertBatchParser;
import dev.bulwark.core.alert.IncomingAlert;
import dev.bulwark.core.journal.AlertJournal;
import dev.bulwark.core.journal.AlertJournal.AppendResult;
import java.util.List;
import org.springframework.stereotype.Service;

/** Validates a batch, commits it to the journal, then wakes the rules: nothing before commit. */
@Service
public class AlertIntake {

  private final AlertBatchParser parser;
  private final AlertJournal journal;
  private final JournalWorker worker;

  AlertIntake(AlertJournal journal, JournalWorker worker, BulwarkProperties properties) {
    this.journal = journal;
    this.worker = worker;
    this.parser =
        new AlertBatchParser(
            properties.getIntake().getMaxBatchSize(), properties.getIntake().getMaxNestingDepth());
  }

  public AppendResult acceptJson(byte[] body) {
    return append(parser.parseJson(body));
  }

  public AppendResult acceptNdjson(byte[] body) {
    return append(parser.parseNdjson(body));
  }

  /**
   * Journals alerts another source has already validated (e.g. the Elasticsearch poller), on the
   * same path as the HTTP intake: the journal's duplicate check applies, the rules are woken.
   */
  public AppendResult acceptValidated(List<IncomingAlert> alerts) {
    return append(alerts);
  }

  private AppendResult append(List<IncomingAlert> alerts) {
    AppendResult result = journal.append(alerts);
    if (result.accepted() > 0) {
      worker.wake();
    }
    return result;
  }
}
