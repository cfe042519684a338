package dev.bulwark.app.elasticsearch.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The alert source's numbered log messages (BULWARK-60xx), in one place to grep. */
final class SourceLog {

  private static final Logger LOG = LoggerFactory.getLogger("dev.bulwark.elasticsearch.source");

  private SourceLog() {}

  static void started(String index, String tiebreaker) {
    LOG.info(
        "BULWARK-6001 pulling alerts from Elasticsearch index pattern {} (cursor: @timestamp, {})",
        index,
        tiebreaker);
  }

  static void unreachable(String uris, String reason, long retryMillis) {
    LOG.error(
        "BULWARK-6002 Elasticsearch at {} cannot be read: {}; retrying every {} ms until it can",
        uris,
        reason,
        retryMillis);
  }

  static void indexMissing(String index) {
    LOG.warn("BULWARK-6003 no index matches {}; polling until one does", index);
  }

  static void recovered(String index) {
    LOG.info("BULWARK-6004 reading {} again", index);
  }

  static void rejected(RejectedDocumentException e) {
    LOG.warn(
        "BULWARK-6005 document {}/{} is not a valid alert and was set aside in"
            + " es_source_rejected: {}",
        e.index(),
        e.id(),
        e.reason());
  }

  static void backPressure(long backlog, long max) {
    LOG.info(
        "BULWARK-6006 the rules are {} alerts behind (limit {}); pausing the Elasticsearch source",
        backlog,
        max);
  }
}
