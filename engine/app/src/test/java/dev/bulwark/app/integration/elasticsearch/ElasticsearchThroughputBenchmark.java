package dev.bulwark.app.integration.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.bulwark.app.elasticsearch.ElasticsearchProperties;
import dev.bulwark.app.elasticsearch.sink.AuditRecord;
import dev.bulwark.app.elasticsearch.sink.SearchOutbox;
import dev.bulwark.app.elasticsearch.source.ElasticsearchAlertSource;
import dev.bulwark.app.elasticsearch.source.RejectedDocuments;
import dev.bulwark.app.elasticsearch.source.SourceCursorStore;
import dev.bulwark.app.intake.AlertIntake;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The numbers behind the Elasticsearch section of docs/benchmarks.md. Not part of the suite (the
 * name does not end in IT); run it on purpose:
 *
 * <pre>
 * mvn -B -o -pl engine/app -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ElasticsearchThroughputBenchmark
 * </pre>
 *
 * It only checks that every document arrived; the timings are printed, never asserted.
 */
class ElasticsearchThroughputBenchmark extends ElasticsearchEngineTest {

  private static final int ALERTS = Integer.getInteger("bench.alerts", 50_000);
  private static final int RECORDS = Integer.getInteger("bench.records", 50_000);
  private static final int BULK = 5_000;

  @Autowired ElasticsearchClient elasticsearch;
  @Autowired SourceCursorStore cursors;
  @Autowired RejectedDocuments rejected;
  @Autowired AlertIntake intake;
  @Autowired SearchOutbox outbox;
  @Autowired TransactionTemplate transactions;
  @Autowired Clock clock;

  @Test
  void measureNodeBulkPollerAndSink() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String index = "bench-alerts-" + run;
    node()
        .request(
            "PUT",
            "/" + index,
            "{\"settings\": {\"number_of_shards\": 1, \"refresh_interval\": \"-1\"},"
                + " \"mappings\": {\"properties\": {\"@timestamp\": {\"type\": \"date\"},"
                + " \"kibana.alert.uuid\": {\"type\": \"keyword\"}}}}");
    String template =
        oneLine(
            resource(
                "/elasticsearch/security-alerts/discovery_low.json", "bench-user", run + "-X"));

    long bulkStart = System.nanoTime();
    for (int from = 0; from < ALERTS; from += BULK) {
      StringBuilder body = new StringBuilder();
      for (int i = from; i < Math.min(ALERTS, from + BULK); i++) {
        String uuid = String.format("%s-%07d", run, i);
        body.append("{\"index\": {\"_id\": \"").append(uuid).append("\"}}\n");
        body.append(
                template
                    .replace(run + "-X-0003", uuid)
                    .replace(
                        "2026-11-20T09:07:30.000Z",
                        Instant.parse("2026-11-20T00:00:00Z").plusMillis(i / 3).toString()))
            .append('\n');
      }
      node().request("POST", "/" + index + "/_bulk", body.toString());
    }
    node().request("POST", "/" + index + "/_refresh", null);
    double bulkSeconds = seconds(bulkStart);

    ElasticsearchProperties.Source settings = new ElasticsearchProperties.Source();
    settings.setIndex(index);
    settings.setBatchSize(1000);
    settings.setSettleTime(Duration.ZERO);
    ElasticsearchAlertSource source =
        new ElasticsearchAlertSource(
            elasticsearch, settings, cursors, rejected, intake::acceptValidated, clock);
    long pollStart = System.nanoTime();
    int pulled = 0;
    ElasticsearchAlertSource.Page page;
    do {
      page = source.pollOnce();
      pulled += page.accepted();
    } while (!page.exhausted());
    double pollSeconds = seconds(pollStart);
    assertThat(pulled).isEqualTo(ALERTS);

    awaitOutboxEmpty(Duration.ofMinutes(5));
    long sinkStart = System.nanoTime();
    transactions.executeWithoutResult(
        tx -> {
          Instant at = Instant.parse("2026-11-20T00:00:00Z");
          for (int i = 0; i < RECORDS; i++) {
            outbox.audit(
                new AuditRecord(
                    run + "-audit-" + i,
                    at.plusSeconds(i),
                    "benchmark",
                    "bench",
                    null,
                    "benchmark record " + i,
                    Map.of("n", i)));
          }
        });
    double writeSeconds = seconds(sinkStart);
    long flushStart = System.nanoTime();
    awaitOutboxEmpty(Duration.ofMinutes(10));
    double flushSeconds = seconds(flushStart);

    System.out.printf(
        "%nBENCHMARK elasticsearch node bulk: %d alert documents in %.1f s = %.0f docs/s%n"
            + "BENCHMARK alert source: %d alerts pulled into the journal in %.1f s = %.0f alerts/s%n"
            + "BENCHMARK outbox write: %d audit records in %.1f s = %.0f records/s%n"
            + "BENCHMARK sink flush: %d records indexed in %.1f s = %.0f records/s%n%n",
        ALERTS,
        bulkSeconds,
        ALERTS / bulkSeconds,
        pulled,
        pollSeconds,
        pulled / pollSeconds,
        RECORDS,
        writeSeconds,
        RECORDS / writeSeconds,
        RECORDS,
        flushSeconds,
        RECORDS / flushSeconds);
  }

  private void awaitOutboxEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count("SELECT COUNT(*) FROM search_outbox") > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the outbox did not drain in " + timeout);
      }
      Thread.sleep(50);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
