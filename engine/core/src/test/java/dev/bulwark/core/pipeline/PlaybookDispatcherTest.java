package dev.bulwark.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.PlaybookRef;
import dev.bulwark.core.incident.PlaybookRef.PlaybookState;
import dev.bulwark.core.incident.ScratchIncidentStore;
import dev.bulwark.core.incident.Severity;
import dev.bulwark.core.incident.TimelineEntry;
import dev.bulwark.core.playbook.PlaybookLauncher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaybookDispatcherTest {

  private static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:05Z");
  private static final String PLAYBOOK = "contain_compromised_account";

  private final ScratchIncidentStore store = new ScratchIncidentStore();
  private final RecordingLauncher launcher = new RecordingLauncher();
  private final TestTransactions transactions = new TestTransactions(store::snapshot);
  private final PlaybookDispatcher dispatcher =
      new PlaybookDispatcher(store, launcher, transactions, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void launchesEveryPendingPlaybookAndMarksItRunning() {
    insert("inc-1", PlaybookState.PENDING, 0);
    insert("inc-2", PlaybookState.PENDING, 1);

    int launched = dispatcher.launchPending();

    assertThat(launched).isEqualTo(2);
    assertThat(launcher.launched).containsExactly("inc-1", "inc-2");
    for (String id : List.of("inc-1", "inc-2")) {
      Incident incident = store.find(id).orElseThrow();
      assertThat(incident.playbook())
          .isEqualTo(new PlaybookRef(PLAYBOOK, "pi-" + id, PlaybookState.RUNNING));
      assertThat(incident.updatedAt()).isEqualTo(NOW);
      assertThat(store.timeline(id))
          .containsExactly(
              new TimelineEntry(
                  NOW,
                  "playbook",
                  "playbook " + PLAYBOOK + " started",
                  Map.of("processInstanceId", "pi-" + id)));
    }
  }

  @Test
  void handsThePlaybookTheIncidentAndItsFirstEntityOfEachKind() {
    insert("inc-1", PlaybookState.PENDING, 0);

    dispatcher.launchPending();

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("incidentId", "inc-1");
    expected.put("title", "Brute force: jdoe");
    expected.put("severity", "high");
    expected.put("riskScore", 70);
    expected.put("user", "jdoe");
    expected.put("host", "ws-17");
    expected.put("ip", null);
    assertThat(launcher.variables.get(0)).containsExactlyEntriesOf(expected);
  }

  @Test
  void doesNotLaunchIncidentsWithoutAPendingPlaybook() {
    insert("inc-none", PlaybookState.NONE, 0);
    insert("inc-running", PlaybookState.RUNNING, 1);

    assertThat(dispatcher.launchPending()).isZero();
    assertThat(launcher.launched).isEmpty();
  }

  @Test
  void launchesAPlaybookOnlyOnce() {
    insert("inc-1", PlaybookState.PENDING, 0);
    dispatcher.launchPending();

    assertThat(dispatcher.launchPending()).isZero();
    assertThat(launcher.launched).containsExactly("inc-1");
  }

  @Test
  void leavesAnIncidentPendingWhenItsLaunchFailsAndStillLaunchesTheOthers() {
    insert("inc-1", PlaybookState.PENDING, 0);
    insert("inc-2", PlaybookState.PENDING, 1);
    insert("inc-3", PlaybookState.PENDING, 2);
    launcher.failFor.add("inc-2");

    int launched = dispatcher.launchPending();

    assertThat(launched).isEqualTo(2);
    assertThat(store.find("inc-2").orElseThrow().playbook())
        .isEqualTo(new PlaybookRef(PLAYBOOK, null, PlaybookState.PENDING));
    assertThat(store.timeline("inc-2")).isEmpty();
    assertThat(store.find("inc-1").orElseThrow().playbook().state())
        .isEqualTo(PlaybookState.RUNNING);
    assertThat(store.find("inc-3").orElseThrow().playbook().state())
        .isEqualTo(PlaybookState.RUNNING);
  }

  @Test
  void retriesAFailedLaunchInTheNextRound() {
    insert("inc-1", PlaybookState.PENDING, 0);
    launcher.failFor.add("inc-1");
    dispatcher.launchPending();
    launcher.failFor.clear();

    assertThat(dispatcher.launchPending()).isEqualTo(1);
    assertThat(store.find("inc-1").orElseThrow().playbook().state())
        .isEqualTo(PlaybookState.RUNNING);
  }

  @Test
  void keepsAnIncidentPendingWhenMarkingItRunningFails() {
    insert("inc-1", PlaybookState.PENDING, 0);
    transactions.failNextCommits(1);

    assertThat(dispatcher.launchPending()).isZero();
    assertThat(store.find("inc-1").orElseThrow().playbook().state())
        .isEqualTo(PlaybookState.PENDING);

    // The next round launches again; the launcher finds the process it started (business key).
    assertThat(dispatcher.launchPending()).isEqualTo(1);
    assertThat(launcher.launched).containsExactly("inc-1", "inc-1");
  }

  @Test
  void launchesANewerIncidentEvenWhenTheOldestHundredKeepFailing() {
    for (int i = 0; i < 100; i++) {
      insert("broken-" + i, PlaybookState.PENDING, i);
      launcher.failFor.add("broken-" + i);
    }
    insert("inc-new", PlaybookState.PENDING, 100);

    dispatcher.launchPending();
    dispatcher.launchPending();

    assertThat(launcher.launched).contains("inc-new");
  }

  private void insert(String id, PlaybookState state, int secondsAfterFirst) {
    PlaybookRef playbook =
        state == PlaybookState.NONE
            ? new PlaybookRef(null, null, state)
            : new PlaybookRef(PLAYBOOK, state == PlaybookState.PENDING ? null : "pi-old", state);
    Instant created = CREATED.plusSeconds(secondsAfterFirst);
    store.insert(
        new Incident(
            id,
            "Brute force: jdoe",
            Severity.HIGH,
            IncidentStatus.OPEN,
            created,
            created,
            "brute-force|user:jdoe",
            List.of("brute-force"),
            70,
            5,
            new Entities(List.of("jdoe", "john"), List.of("ws-17"), List.of()),
            playbook));
  }

  /** Returns {@code pi-<incident id>}; throws for the incidents in {@link #failFor}. */
  private static final class RecordingLauncher implements PlaybookLauncher {
    final List<String> launched = new ArrayList<>();
    final List<Map<String, Object>> variables = new ArrayList<>();
    final Set<String> failFor = new HashSet<>();

    @Override
    public String launch(Incident incident, Map<String, Object> variables) {
      if (failFor.contains(incident.id())) {
        throw new IllegalStateException("engine unavailable for " + incident.id());
      }
      launched.add(incident.id());
      this.variables.add(variables);
      return "pi-" + incident.id();
    }
  }
}
