package dev.bulwark.core.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A validated document on its way into the journal.
 *
 * @param dedupKey see {@link DedupKeys}
 * @param timestamp its event time
 * @param document the document as posted, unknown fields included
 */
public record IncomingAlert(String dedupKey, Instant timestamp, ObjectNode document) {

  public static IncomingAlert of(ObjectNode document) {
    return new IncomingAlert(
        DedupKeys.of(document), Timestamps.of(EcsPath.get(document, "@timestamp")), document);
  }
}
