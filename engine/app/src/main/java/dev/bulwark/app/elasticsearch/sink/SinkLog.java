package dev.bulwark.app.elasticsearch.sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sink's numbered log messages (BULWARK-61xx), in one place to grep. */
final class SinkLog {

  private static final Logger LOG = LoggerFactory.getLogger("dev.bulwark.elasticsearch.sink");

  private SinkLog() {}

  static void started(String uris) {
    LOG.info(
        "BULWARK-6101 indexing incidents, actions and audit events into Elasticsearch at {}", uris);
  }

  static void unreachable(String uris, String reason, long backlog, long retryMillis) {
    LOG.error(
        "BULWARK-6102 Elasticsearch at {} cannot be written: {}; {} records wait in the outbox,"
            + " nothing is lost; retrying in {} ms",
        uris,
        reason,
        backlog,
        retryMillis);
  }

  static void recovered(String uris, long backlog) {
    LOG.info(
        "BULWARK-6103 Elasticsearch at {} is back; flushing {} records from the outbox",
        uris,
        backlog);
  }

  static void setAside(String kind, String recordId, String error) {
    LOG.error(
        "BULWARK-6104 Elasticsearch keeps rejecting {} {}: {}; the record stays in search_outbox"
            + " with failed_at set",
        kind,
        recordId,
        error);
  }
}
