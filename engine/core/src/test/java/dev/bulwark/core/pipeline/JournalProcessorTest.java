package dev.bulwark.core.pipeline;

import static dev.bulwark.core.testsupport.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.alert.IncomingAlert;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.ScratchIncidentStore;
import dev.bulwark.core.incident.TimelineEntry;
import dev.bulwark.core.journal.InMemoryAlertJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalProcessorTest {

  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant RECEIVED = Instant.parse("2024-05-01T10:30:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(10);

  private final InMemoryAlertJournal journal =
      new InMemoryAlertJournal(Clock.fixed(RECEIVED, ZoneOffset.UTC));
  private final ScratchIncidentStore store = new ScratchIncidentStore();
  private final TestTransactions transactions =
      new TestTransactions(journal::snapshot, store::snapshot);
  private final List<RecordingRuleEvaluator> evaluators = new ArrayList<>();
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final Clock clock = Clock.fixed(RECEIVED.plusSeconds(3), ZoneOffset.UTC);

  @Test
  void evaluatesAlertsInJournalOrderAndAdvancesTheCursorPerBatch() {
    add(1, "alert", "jdoe", T0);
    add(2, "event", "jdoe", T0.plusSeconds(1));
    add(3, "alert", "jdoe", T0.plusSeconds(2));
    add(4, "alert", "asmith", T0.plusSeconds(3));
    add(5, "event", "asmith", T0.plusSeconds(4));

    int processed = processor(2).processAvailable();

    assertThat(processed).isEqualTo(5);
    assertThat(evaluators)
        .singleElement()
        .satisfies(
            rules -> {
              assertThat(rules.evaluated).containsExactly(1L, 2L, 3L, 4L, 5L);
              assertThat(rules.warmedUp).isEmpty();
            });
    assertThat(journal.marks()).containsExactly(2L, 4L, 5L);
    assertThat(journal.processedUpTo()).isEqualTo(5);
    assertThat(store.all())
        .extracting(Incident::title, Incident::alertCount)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Suspicious user: jdoe", 2),
            org.assertj.core.groups.Tuple.tuple("Suspicious user: asmith", 1));
    assertThat(metrics.evaluated).containsExactly(2, 2, 1);
  }

  @Test
  void doesNothingAndBuildsNoRulesWhenTheJournalHoldsNothingNew() {
    assertThat(processor(10).processAvailable()).isZero();

    assertThat(evaluators).isEmpty();
    assertThat(journal.marks()).isEmpty();
  }

  @Test
  void keepsItsRulesAndTheirWindowsBetweenCalls() {
    JournalProcessor processor = processor(10);
    add(1, "alert", "jdoe", T0);
    processor.processAvailable();
    add(2, "alert", "jdoe", T0.plusSeconds(60));

    assertThat(processor.processAvailable()).isEqualTo(1);

    assertThat(evaluators)
        .singleElement()
        .satisfies(
            rules -> {
              assertThat(rules.evaluated).containsExactly(1L, 2L);
              assertThat(rules.warmedUp).isEmpty();
            });
    assertThat(lastRuleHitRisk("jdoe")).isEqualTo(20);
  }

  @Test
  void leavesTheCursorWhereItWasWhenTheCommitFails() {
    JournalProcessor processor = processor(10);
    add(1, "alert", "jdoe", T0);
    add(2, "alert", "jdoe", T0.plusSeconds(60));
    processor.processAvailable();
    add(3, "alert", "jdoe", T0.plusSeconds(120));
    add(4, "event", "jdoe", T0.plusSeconds(180));
    transactions.failNextCommits(1);

    assertThatThrownBy(processor::processAvailable)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("commit failed: connection reset");

    assertThat(journal.processedUpTo()).isEqualTo(2);
    assertThat(onlyIncident().alertCount()).isEqualTo(2);
    assertThat(evaluators.get(0).closed)
        .as("rules that ran ahead of the journal are dropped")
        .isTrue();
  }

  @Test
  void processesTheSameAlertsAgainAfterAFailedCommitWithFreshWarmedUpRules() {
    JournalProcessor processor = processor(10);
    add(1, "alert", "jdoe", T0);
    add(2, "alert", "jdoe", T0.plusSeconds(60));
    processor.processAvailable();
    add(3, "alert", "jdoe", T0.plusSeconds(120));
    add(4, "event", "jdoe", T0.plusSeconds(180));
    transactions.failNextCommits(1);
    assertThatThrownBy(processor::processAvailable).isInstanceOf(IllegalStateException.class);

    int processed = processor.processAvailable();

    assertThat(processed).isEqualTo(2);
    assertThat(evaluators).hasSize(2);
    RecordingRuleEvaluator fresh = evaluators.get(1);
    assertThat(fresh.warmedUp).containsExactly(1L, 2L);
    assertThat(fresh.evaluated).containsExactly(3L, 4L);
    assertThat(journal.processedUpTo()).isEqualTo(4);
    Incident incident = onlyIncident();
    assertThat(incident.alertCount()).isEqualTo(3);
    assertThat(store.timeline(incident.id()))
        .as("the warm-up's decisions about alerts 1 and 2 are dropped, not applied twice")
        .filteredOn(entry -> entry.kind().equals("rule_hit"))
        .extracting(entry -> entry.details().get("alerts"))
        .containsExactly(List.of(1L), List.of(2L), List.of(3L));
    assertThat(lastRuleHitRisk("jdoe")).as("the window saw alerts 1 to 3").isEqualTo(30);
  }

  @Test
  void dropsTheRulesWhenARuleFailsAndRetriesTheBatchLater() {
    JournalProcessor processor = processor(10);
    add(1, "alert", "jdoe", T0);
    processor.processAvailable();
    add(2, "alert", "jdoe", T0.plusSeconds(60));
    add(3, "alert", "jdoe", T0.plusSeconds(120));
    evaluators.get(0).failOnSeq = 3;

    assertThatThrownBy(processor::processAvailable).hasMessage("rule blew up on alert 3");
    assertThat(journal.processedUpTo()).isEqualTo(1);
    assertThat(evaluators.get(0).closed).isTrue();

    assertThat(processor.processAvailable()).isEqualTo(2);
    assertThat(evaluators.get(1).warmedUp).containsExactly(1L);
    assertThat(evaluators.get(1).evaluated).containsExactly(2L, 3L);
    assertThat(onlyIncident().alertCount()).isEqualTo(3);
  }

  @Test
  void warmsUpOnlyWithAlertsWithinTheLongestWindowOfTheLatestEventTime() {
    add(1, "alert", "jdoe", T0);
    add(2, "alert", "jdoe", T0.plus(Duration.ofMinutes(5)));
    add(3, "alert", "jdoe", T0.plus(Duration.ofMinutes(20)));
    add(4, "alert", "jdoe", T0.plus(Duration.ofMinutes(16))); // late, still in the window
    add(5, "alert", "jdoe", T0.plus(Duration.ofMinutes(25))); // the latest event time
    add(6, "event", "jdoe", T0.plus(Duration.ofMinutes(15))); // exactly at the window's start
    add(7, "alert", "jdoe", T0.plus(Duration.ofMinutes(1))); // late, outside the window
    journal.markProcessed(7); // as a previous run of the engine left it
    add(8, "alert", "jdoe", T0.plus(Duration.ofMinutes(26)));

    // A small batch size makes the warm-up read the window in several pages.
    assertThat(processor(2).processAvailable()).isEqualTo(1);

    RecordingRuleEvaluator rules = evaluators.get(0);
    assertThat(rules.warmedUp).containsExactly(3L, 4L, 5L, 6L);
    assertThat(rules.evaluated).containsExactly(8L);
    assertThat(lastRuleHitRisk("jdoe"))
        .as("alerts 3, 4, 5 and 8 are within 10 minutes")
        .isEqualTo(40);
  }

  @Test
  void rebuildsTheWindowsAfterAReset() {
    JournalProcessor processor = processor(10);
    add(1, "alert", "jdoe", T0);
    processor.processAvailable();

    processor.reset();
    add(2, "alert", "jdoe", T0.plusSeconds(30));
    processor.processAvailable();

    assertThat(evaluators).hasSize(2);
    assertThat(evaluators.get(0).closed).isTrue();
    assertThat(evaluators.get(1).warmedUp).containsExactly(1L);
    assertThat(lastRuleHitRisk("jdoe")).isEqualTo(20);
  }

  @Test
  void measuresFromTheTriggerAlertsCommitToTheIncidentsCommit() {
    add(1, "alert", "jdoe", T0);
    add(2, "event", "jdoe", T0);

    processor(10).processAvailable();

    assertThat(metrics.latencies).containsExactly(Duration.ofSeconds(3));
    assertThat(metrics.evaluated).containsExactly(2);
  }

  @Test
  void rollsBackABatchThatAnotherNodeCommittedFirstAndStartsOverWithFreshRules() {
    add(1, "alert", "jdoe", T0);
    add(2, "alert", "jdoe", T0.plusSeconds(1));
    JournalProcessor processor = processor(10);
    // While this node evaluates, another node evaluates the same alerts and commits first.
    whileEvaluating = () -> journal.markProcessed(2);

    assertThatThrownBy(processor::processAvailable).isInstanceOf(CursorMovedException.class);

    assertThat(store.all()).isEmpty();
    assertThat(journal.processedUpTo()).isEqualTo(2);
    assertThat(evaluators.get(0).closed).isTrue();
    whileEvaluating = () -> {};
    add(3, "alert", "jdoe", T0.plusSeconds(2));
    assertThat(processor.processAvailable()).isEqualTo(1);
    assertThat(evaluators.get(1).warmedUp).containsExactly(1L, 2L);
    assertThat(evaluators.get(1).evaluated).containsExactly(3L);
  }

  private Runnable whileEvaluating = () -> {};

  private JournalProcessor processor(int batchSize) {
    return new JournalProcessor(
        journal,
        () -> {
          RecordingRuleEvaluator rules = new RecordingRuleEvaluator(WINDOW);
          rules.whileEvaluating = () -> whileEvaluating.run();
          evaluators.add(rules);
          return rules;
        },
        new IncidentService(store, clock),
        transactions,
        batchSize,
        metrics,
        clock);
  }

  private void add(long expectedSeq, String kind, String user, Instant at) {
    IncomingAlert alert =
        IncomingAlert.of(
            object(
                "{'@timestamp': '"
                    + at
                    + "', 'event': {'id': 'e-"
                    + expectedSeq
                    + "', 'kind': '"
                    + kind
                    + "'}, 'user': {'name': '"
                    + user
                    + "'}}"));
    journal.append(List.of(alert));
    assertThat(journal.lastSeq()).isEqualTo(expectedSeq);
  }

  private Incident onlyIncident() {
    assertThat(store.all()).hasSize(1);
    return store.all().get(0);
  }

  private int lastRuleHitRisk(String user) {
    Incident incident =
        store.all().stream()
            .filter(candidate -> candidate.entities().users().contains(user))
            .findFirst()
            .orElseThrow();
    List<TimelineEntry> hits =
        store.timeline(incident.id()).stream()
            .filter(entry -> entry.kind().equals("rule_hit"))
            .toList();
    return (Integer) hits.get(hits.size() - 1).details().get("riskScore");
  }

  private static final class RecordingMetrics implements PipelineMetrics {
    final List<Integer> evaluated = new ArrayList<>();
    final List<Duration> latencies = new ArrayList<>();

    @Override
    public void alertsEvaluated(int count) {
      evaluated.add(count);
    }

    @Override
    public void alertToIncident(Duration latency) {
      latencies.add(latency);
    }
  }
}
