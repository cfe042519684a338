package dev.bulwark.app.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.alert.IncomingAlert;
import dev.bulwark.core.journal.AlertJournal;
import dev.bulwark.core.risk.RiskPolicy;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.RuleSetCompiler;
import dev.bulwark.rules.reference.AnonymisingNetworks;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestTest {

  private static final String EXECUTIVE_LOGIN =
      """
      package bulwark.custom;

      import dev.bulwark.rules.AlertEvent;

      global dev.bulwark.rules.DecisionEmitter decisions;

      rule "Custom: login of an executive"
          @id("6a0c1f5e-2b7d-4e39-8c4a-0d9e8f7a6b5c")
          @severity("medium")
          @risk(40)
          @window("0s")
      when
          $login : AlertEvent( userName == "ceo" || userName == "cfo" )
      then
          decisions.incident(drools, $login);
      end
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

  private final RuleSet rules =
      new RuleSetCompiler().compile(Map.of("executive_login.drl", EXECUTIVE_LOGIN));

  @Test
  void bothSetsReadThePeriodOfTheJournalAsItWasWhenTheBacktestStarted() {
    GrowingJournal journal = new GrowingJournal();
    journal.add(login("alice", DAY.plusSeconds(3600)));
    journal.add(login("ceo", DAY.plusSeconds(7200)));
    journal.add(login("bob", DAY.plusSeconds(10800)));
    // After the period: neither set reads it.
    journal.add(login("cfo", DAY.plus(Duration.ofDays(2))));
    // Arrives while the live set is being run: inside the backtest's window, after its start.
    journal.arrivesAfterTheFirstRun(login("cfo", DAY.plusSeconds(14400)));
    Backtest backtest = backtest(journal);

    Map<String, Object> result = backtest.compare(rules, rules, DAY, DAY.plus(Duration.ofDays(1)));

    assertThat(journal.lastSeq()).as("the late alert did arrive").isEqualTo(5);
    assertThat((List<?>) result.get("new")).as("nothing gained by reading further").isEmpty();
    assertThat((List<?>) result.get("lost")).isEmpty();
    assertThat(result.get("unchanged").toString()).contains("user:ceo").doesNotContain("cfo");
    assertThat(backtest.processed()).isEqualTo(6);
  }

  @Test
  void progressGoesThroughTheLiveRunThenTheCandidateRunToDone() {
    GrowingJournal journal = new GrowingJournal();
    for (int i = 0; i < 2500; i++) {
      journal.add(login("user" + i, DAY.plusSeconds(i)));
    }
    Backtest backtest = backtest(journal);
    List<String> seen = new ArrayList<>();
    journal.onRead = () -> seen.add(backtest.phase() + " " + backtest.percent());

    backtest.compare(rules, rules, DAY, DAY.plus(Duration.ofDays(1)));

    // Pages of 1,000: each run reads 3 pages and an empty one; each half of the whole is 50 %.
    assertThat(seen)
        .containsExactly(
            "live rules 0",
            "live rules 20",
            "live rules 40",
            "live rules 50",
            "candidate rules 50",
            "candidate rules 70",
            "candidate rules 90",
            "candidate rules 100");
    assertThat(backtest.phase()).isEqualTo("done");
    assertThat(backtest.percent()).isEqualTo(100);
  }

  private static Backtest backtest(AlertJournal journal) {
    return new Backtest(
        journal,
        new ReferenceData(AnonymisingNetworks.defaults()),
        new RiskPolicy(Duration.ofDays(7), 100, Duration.ofDays(1)),
        Clock.fixed(DAY.plus(Duration.ofDays(2)), ZoneOffset.UTC));
  }

  private static ObjectNode login(String user, Instant at) {
    ObjectNode alert = JSON.createObjectNode();
    alert.put("@timestamp", at.toString());
    alert.putObject("event").put("action", "user-login").put("outcome", "success");
    alert.putObject("user").put("name", user);
    return alert;
  }

  /** A journal whose only writer is the test; the backtest reads windows and the last position. */
  private static final class GrowingJournal implements AlertJournal {

    private final List<Alert> alerts = new ArrayList<>();
    private ObjectNode late;
    Runnable onRead = () -> {};

    void add(ObjectNode document) {
      alerts.add(
          new Alert(
              alerts.size() + 1, Instant.parse(document.get("@timestamp").asText()), document));
    }

    void arrivesAfterTheFirstRun(ObjectNode document) {
      late = document;
    }

    @Override
    public List<Alert> readWindow(
        long afterSeq, long upToSeq, Instant since, Instant until, int max) {
      onRead.run();
      List<Alert> page =
          alerts.stream()
              .filter(a -> a.seq() > afterSeq && a.seq() <= upToSeq)
              .filter(a -> !a.timestamp().isBefore(since) && !a.timestamp().isAfter(until))
              .limit(max)
              .toList();
      if (page.isEmpty() && late != null) {
        add(late);
        late = null;
      }
      return page;
    }

    @Override
    public long lastSeq() {
      return alerts.size();
    }

    @Override
    public AppendResult append(List<IncomingAlert> incoming) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Alert> readAfter(long afterSeq, int max) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long processedUpTo() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void markProcessed(long seq) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant latestEventTime(long upToSeq) {
      throw new UnsupportedOperationException();
    }
  }
}
