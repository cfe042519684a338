package dev.bulwark.app.integration.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.app.elasticsearch.ElasticsearchProperties;
import dev.bulwark.app.elasticsearch.source.ElasticsearchAlertSource;
import dev.bulwark.app.elasticsearch.source.ElasticsearchAlertSource.Page;
import dev.bulwark.app.elasticsearch.source.RejectedDocuments;
import dev.bulwark.app.elasticsearch.source.SourceCursorStore;
import dev.bulwark.app.intake.AlertIntake;
import dev.bulwark.core.journal.AlertJournal.AppendResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Pulling alerts from a real Elasticsearch node into the journal. */
class ElasticsearchAlertSourceIT extends ElasticsearchEngineTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> SECURITY_ALERTS =
      List.of(
          "remote_access_tool_critical",
          "brute_force_success_high",
          "discovery_low",
          "invalid_user_name");

  @Autowired ElasticsearchClient elasticsearch;
  @Autowired SourceCursorStore cursors;
  @Autowired RejectedDocuments rejected;
  @Autowired AlertIntake intake;
  @Autowired Clock clock;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void securityAlertsInTheAlertsIndexAreJournaledAndOpenAnIncident() {
    String user = "es-src-" + run;
    String index = "bulwark-it-alerts-" + run;
    node()
        .request(
            "PUT",
            "/" + index,
            "{\"mappings\": {\"properties\": {\"@timestamp\": {\"type\": \"date\"},"
                + " \"kibana.alert.uuid\": {\"type\": \"keyword\"}}}}");
    StringBuilder bulk = new StringBuilder();
    for (String name : SECURITY_ALERTS) {
      bulk.append("{\"index\": {}}\n")
          .append(oneLine(resource("/elasticsearch/security-alerts/" + name + ".json", user, run)))
          .append('\n');
    }
    node().request("POST", "/" + index + "/_bulk?refresh=true", bulk.toString());

    JsonNode incidents =
        client().await("/api/v1/incidents?size=500", list -> incidentOf(list, user) != null, WAIT);
    JsonNode incident = incidentOf(incidents, user);
    assertThat(incident.get("severity").asText()).isEqualTo("critical");
    assertThat(incident.get("riskScore").asInt()).isEqualTo(99);
    assertThat(incident.at("/entities/hosts").toString()).contains(user + "-ws");
    // A refresh may expose the first documents of a bulk before the rest: later passes read them.
    assertThat(
            awaitCount(
                3,
                WAIT,
                "SELECT COUNT(*) FROM alert_journal WHERE dedup_key LIKE ?",
                "id:" + run + "-%"))
        .isEqualTo(3);
    assertThat(
            awaitCount(
                1,
                WAIT,
                "SELECT COUNT(*) FROM es_source_rejected WHERE index_name = ? AND reason LIKE ?",
                index,
                "%user.name must be a string%"))
        .isEqualTo(1);
    String journaled =
        jdbc.queryForObject(
            "SELECT document FROM alert_journal WHERE dedup_key = ?",
            String.class,
            "id:" + run + "-0001");
    assertThat(journaled)
        .contains("\"rule\":{\"name\":\"Remote Access Tool Launched by Unusual User\"")
        .contains("\"@timestamp\":\"2026-11-20T09:04:58.000Z\"");
  }

  @Test
  void aRestartContinuesAfterTheLastDocumentWithNoGapAndNoDuplicate() throws Exception {
    String index = "bulwark-it-restart-" + run;
    createEventIndex(index);
    seed(index, 0, "2026-11-21T10:00:00Z", "2026-11-21T10:00:01Z", "2026-11-21T10:00:02Z");
    // Four equal timestamps across the page boundary (pages of four): the tiebreaker orders them.
    seed(index, 3, "2026-11-21T10:00:03Z", "2026-11-21T10:00:03Z", "2026-11-21T10:00:03Z");
    seed(index, 6, "2026-11-21T10:00:03Z", "2026-11-21T10:00:04Z", "2026-11-21T10:00:05Z");
    seed(index, 9, "2026-11-21T10:00:05Z");

    List<Page> firstRun = new ArrayList<>();
    firstRun.add(source(index, cursors).pollOnce());
    assertThat(firstRun.get(0).read()).isEqualTo(4);
    assertThat(firstRun.get(0).exhausted()).isFalse();
    // The engine stops here: nothing survives but the cursor in the database.
    List<Page> secondRun = drain(source(index, cursors));

    assertThat(accepted(firstRun) + accepted(secondRun)).isEqualTo(10);
    assertThat(duplicates(secondRun)).isZero();
    assertThat(journaled()).isEqualTo(10);

    // Later documents, one with the same timestamp as the last one read.
    seed(index, 10, "2026-11-21T10:00:05Z", "2026-11-21T10:00:06Z", "2026-11-21T10:00:06Z");
    List<Page> thirdRun = drain(source(index, cursors));
    assertThat(accepted(thirdRun)).isEqualTo(3);
    assertThat(duplicates(thirdRun)).isZero();
    assertThat(journaled()).isEqualTo(13);
  }

  @Test
  void aCrashBetweenJournalAndCursorIsCaughtByTheJournalsDuplicateCheck() throws Exception {
    String index = "bulwark-it-crash-" + run;
    createEventIndex(index);
    seed(index, 0, "2026-11-22T10:00:00Z", "2026-11-22T10:00:01Z", "2026-11-22T10:00:02Z");
    SourceCursorStore crashing =
        new SourceCursorStore(jdbc, clock) {
          @Override
          public void save(String indexPattern, List<FieldValue> sortValues) {
            throw new IllegalStateException("the engine died before saving the cursor");
          }
        };

    assertThatThrownBy(() -> source(index, crashing).pollOnce())
        .hasMessageContaining("before saving the cursor");
    assertThat(journaled()).isEqualTo(3);

    List<Page> afterRestart = drain(source(index, cursors));
    assertThat(accepted(afterRestart)).isZero();
    assertThat(duplicates(afterRestart)).isEqualTo(3);
    assertThat(journaled()).isEqualTo(3);
  }

  @Test
  void theSourceReportsItsHealth() {
    JsonNode health = awaitHealth("elasticsearchSource", "UP", WAIT);
    assertThat(health.at("/components/elasticsearchSource/details/index").asText())
        .isEqualTo(ALERTS_PATTERN);
  }

  private ElasticsearchAlertSource source(String index, SourceCursorStore cursorStore) {
    ElasticsearchProperties.Source settings = new ElasticsearchProperties.Source();
    settings.setIndex(index);
    settings.setTiebreaker("event.id");
    settings.setBatchSize(4);
    settings.setSettleTime(Duration.ZERO);
    return new ElasticsearchAlertSource(
        elasticsearch, settings, cursorStore, rejected, this::journal, clock);
  }

  private AppendResult journal(List<dev.bulwark.core.alert.IncomingAlert> alerts) {
    return intake.acceptValidated(alerts);
  }

  private static List<Page> drain(ElasticsearchAlertSource source) throws Exception {
    List<Page> pages = new ArrayList<>();
    Page page;
    do {
      page = source.pollOnce();
      pages.add(page);
    } while (!page.exhausted());
    return pages;
  }

  /** As ECS event indices map it: {@code event.id} a keyword, so it can break timestamp ties. */
  private void createEventIndex(String index) {
    node()
        .request(
            "PUT",
            "/" + index,
            "{\"mappings\": {\"properties\": {\"@timestamp\": {\"type\": \"date\"},"
                + " \"event\": {\"properties\": {\"id\": {\"type\": \"keyword\"}}}}}}");
  }

  private void seed(String index, int firstNumber, String... timestamps) {
    StringBuilder bulk = new StringBuilder();
    IntStream.range(0, timestamps.length)
        .forEach(
            i ->
                bulk.append("{\"index\": {}}\n")
                    .append(
                        oneLine(
                            resource(
                                    "/elasticsearch/events/raw_authentication_failure.json",
                                    "es-rs-" + run,
                                    run)
                                .replace(
                                    "\"2026-11-20T09:09:00.000Z\"", "\"" + timestamps[i] + "\"")
                                .replace(
                                    run + "-raw-0001",
                                    String.format("%s-e%02d", run, firstNumber + i))))
                    .append('\n'));
    node().request("POST", "/" + index + "/_bulk?refresh=true", bulk.toString());
  }

  private long journaled() {
    return count("SELECT COUNT(*) FROM alert_journal WHERE dedup_key LIKE ?", "id:" + run + "-e%");
  }

  private static int accepted(List<Page> pages) {
    return pages.stream().mapToInt(Page::accepted).sum();
  }

  private static int duplicates(List<Page> pages) {
    return pages.stream().mapToInt(Page::duplicates).sum();
  }

  private static JsonNode incidentOf(JsonNode list, String user) {
    for (JsonNode item : list.get("items")) {
      if (item.at("/entities/users").toString().contains("\"" + user + "\"")) {
        return item;
      }
    }
    return null;
  }
}
