package dev.bulwark.core.pipeline;

import static dev.bulwark.core.testsupport.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.PlaybookRef;
import dev.bulwark.core.incident.PlaybookRef.PlaybookState;
import dev.bulwark.core.incident.ScratchIncidentStore;
import dev.bulwark.core.incident.Severity;
import dev.bulwark.core.incident.TimelineEntry;
import dev.bulwark.core.rules.Decision;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IncidentServiceTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Instant EVENT_TIME = Instant.parse("2024-05-01T10:00:00Z");

  private final ScratchIncidentStore store = new ScratchIncidentStore();
  private final IncidentService service =
      new IncidentService(store, Clock.fixed(NOW, ZoneOffset.UTC));
  private final Map<Long, Alert> alerts = new HashMap<>();

  @Test
  void opensAnIncidentForAFirstDecision() {
    Incident incident =
        service.apply(
            new DecisionBuilder(
                    "brute-force", "Brute force", Severity.HIGH, 70, "user:jdoe", 1L, 2L)
                .withPlaybook("contain_compromised_account"),
            alerts(1, 2));

    assertThat(incident.title()).isEqualTo("Brute force: jdoe");
    assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
    assertThat(incident.severity()).isEqualTo(Severity.HIGH);
    assertThat(incident.riskScore()).isEqualTo(70);
    assertThat(incident.correlationKey()).isEqualTo("brute-force|user:jdoe");
    assertThat(incident.ruleIds()).containsExactly("brute-force");
    assertThat(incident.alertCount()).isEqualTo(2);
    assertThat(incident.entities().users()).containsExactly("jdoe");
    assertThat(incident.createdAt()).isEqualTo(NOW);
    assertThat(incident.updatedAt()).isEqualTo(NOW);
    assertThat(incident.playbook())
        .isEqualTo(new PlaybookRef("contain_compromised_account", null, PlaybookState.PENDING));
    assertThat(store.all()).containsExactly(incident);
    assertThat(store.attachedAlerts(incident.id())).containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void opensAnIncidentWithoutPlaybookWhenTheDecisionNamesNone() {
    Incident incident =
        service.apply(decision("r1", "Odd logon", Severity.LOW, 10, "host:ws-17", 1L), alerts(1));

    assertThat(incident.playbook()).isEqualTo(new PlaybookRef(null, null, PlaybookState.NONE));
    assertThat(incident.title()).isEqualTo("Odd logon: ws-17");
  }

  @Test
  void titlesAnIncidentWithTheWholeEntityKeyWhenItHasNoKind() {
    Incident incident =
        service.apply(decision("r1", "Odd logon", Severity.LOW, 10, "ws-17", 1L), alerts(1));

    assertThat(incident.title()).isEqualTo("Odd logon: ws-17");
  }

  @Test
  void joinsTheOpenIncidentOfTheSameRuleAndEntity() {
    Incident first =
        service.apply(
            new DecisionBuilder("r1", "Brute force", Severity.HIGH, 60, "user:jdoe", 1L, 2L)
                .entities(new Entities(List.of("jdoe"), List.of("ws-1"), List.of("203.0.113.9")))
                .build(),
            alerts(1, 2, 3));

    Incident joined =
        service.apply(
            new DecisionBuilder("r1", "Brute force", Severity.MEDIUM, 90, "user:jdoe", 2L, 3L)
                .entities(new Entities(List.of("jdoe"), List.of("ws-2", "ws-1"), List.of()))
                .build(),
            alerts(1, 2, 3));

    assertThat(store.all()).containsExactly(joined);
    assertThat(joined.id()).isEqualTo(first.id());
    assertThat(joined.alertCount()).as("only alert 3 is new").isEqualTo(3);
    assertThat(joined.severity()).as("the higher severity stays").isEqualTo(Severity.HIGH);
    assertThat(joined.riskScore()).as("the higher risk wins").isEqualTo(90);
    assertThat(joined.entities())
        .isEqualTo(new Entities(List.of("jdoe"), List.of("ws-1", "ws-2"), List.of("203.0.113.9")));
    assertThat(joined.ruleIds()).containsExactly("r1");
    assertThat(joined.title()).isEqualTo(first.title());
    assertThat(joined.createdAt()).isEqualTo(first.createdAt());
  }

  @Test
  void raisesTheSeverityOfAJoinedIncident() {
    service.apply(
        decision("r1", "Brute force", Severity.MEDIUM, 50, "user:jdoe", 1L), alerts(1, 2));

    Incident joined =
        service.apply(
            decision("r1", "Brute force", Severity.CRITICAL, 20, "user:jdoe", 2L), alerts(1, 2));

    assertThat(joined.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(joined.riskScore()).isEqualTo(50);
    assertThat(joined.alertCount()).isEqualTo(2);
  }

  @Test
  void doesNotGrowAnIncidentForAlertsItHoldsAlready() {
    service.apply(
        decision("r1", "Brute force", Severity.LOW, 10, "user:jdoe", 1L, 2L), alerts(1, 2));

    Incident again =
        service.apply(
            decision("r1", "Brute force", Severity.LOW, 10, "user:jdoe", 2L, 1L), alerts(1, 2));

    assertThat(again.alertCount()).isEqualTo(2);
    assertThat(store.timeline(again.id()))
        .extracting(TimelineEntry::kind)
        .containsExactly("rule_hit", "alert", "alert", "rule_hit");
  }

  @Test
  void opensAnotherIncidentForAnotherEntity() {
    Incident jdoe =
        service.apply(
            decision("r1", "Brute force", Severity.LOW, 10, "user:jdoe", 1L), alerts(1, 2));
    Incident asmith =
        service.apply(
            decision("r1", "Brute force", Severity.LOW, 10, "user:asmith", 2L), alerts(1, 2));

    assertThat(asmith.id()).isNotEqualTo(jdoe.id());
    assertThat(asmith.title()).isEqualTo("Brute force: asmith");
    assertThat(store.all()).hasSize(2);
  }

  @Test
  void opensAnotherIncidentForAnotherRuleAboutTheSameEntity() {
    Incident first =
        service.apply(
            decision("r1", "Brute force", Severity.LOW, 10, "user:jdoe", 1L), alerts(1, 2));
    Incident second =
        service.apply(
            decision("r2", "Impossible travel", Severity.LOW, 10, "user:jdoe", 2L), alerts(1, 2));

    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(second.ruleIds()).containsExactly("r2");
  }

  @ParameterizedTest
  @EnumSource(
      value = IncidentStatus.class,
      names = {"CONTAINED", "CLOSED", "FALSE_POSITIVE"})
  void opensANewIncidentRatherThanJoiningOneThatIsNoLongerOpen(IncidentStatus status) {
    Incident earlier =
        service.apply(
            decision("r1", "Brute force", Severity.LOW, 10, "user:jdoe", 1L), alerts(1, 2));
    store.update(earlier.withStatus(status));

    Incident later =
        service.apply(
            decision("r1", "Brute force", Severity.LOW, 10, "user:jdoe", 2L), alerts(1, 2));

    assertThat(later.id()).isNotEqualTo(earlier.id());
    assertThat(later.status()).isEqualTo(IncidentStatus.OPEN);
    assertThat(later.alertCount()).isEqualTo(1);
    assertThat(store.find(earlier.id()).orElseThrow().alertCount()).isEqualTo(1);
  }

  @Test
  void writesARuleHitAndOneEntryPerNewlyAttachedAlertToTheTimeline() {
    alerts.put(
        7L,
        new Alert(
            7,
            EVENT_TIME,
            object(
                "{'@timestamp': '2024-05-01T10:00:00Z', 'event.id': 'e-7', 'rule.name': 'Failed logon'}")));

    Incident incident =
        service.apply(decision("r1", "Brute force", Severity.LOW, 35, "user:jdoe", 7L), alerts);

    assertThat(store.timeline(incident.id()))
        .containsExactly(
            new TimelineEntry(
                NOW,
                "rule_hit",
                "Brute force",
                Map.of("ruleId", "r1", "riskScore", 35, "alerts", List.of(7L))),
            new TimelineEntry(
                EVENT_TIME,
                "alert",
                "Failed logon",
                Map.of("seq", 7L, "timestamp", "2024-05-01T10:00:00Z", "eventId", "e-7")));
  }

  @Test
  void writesAlertEntriesOnlyForNewlyAttachedAlerts() {
    Incident incident =
        service.apply(
            decision("r1", "Brute force", Severity.LOW, 10, "user:jdoe", 1L, 2L), alerts(1, 2, 3));

    service.apply(
        decision("r1", "Brute force", Severity.LOW, 10, "user:jdoe", 1L, 2L, 3L), alerts(1, 2, 3));

    assertThat(store.timeline(incident.id()))
        .filteredOn(entry -> entry.kind().equals("alert"))
        .extracting(entry -> entry.details().get("seq"))
        .containsExactly(1L, 2L, 3L);
  }

  private Map<Long, Alert> alerts(long... seqs) {
    for (long seq : seqs) {
      alerts.put(
          seq,
          new Alert(
              seq,
              EVENT_TIME.plusSeconds(seq),
              object("{'event': {'id': 'e-" + seq + "'}, 'user': {'name': 'jdoe'}}")));
    }
    return alerts;
  }

  private static Decision decision(
      String ruleId, String ruleName, Severity severity, int risk, String entityKey, Long... seqs) {
    return new DecisionBuilder(ruleId, ruleName, severity, risk, entityKey, seqs).build();
  }

  /** Decisions with defaults for what a test does not care about. */
  private static final class DecisionBuilder {
    private final String ruleId;
    private final String ruleName;
    private final Severity severity;
    private final int risk;
    private final String entityKey;
    private final List<Long> seqs;
    private Entities entities;
    private String playbook;

    DecisionBuilder(
        String ruleId,
        String ruleName,
        Severity severity,
        int risk,
        String entityKey,
        Long... seqs) {
      this.ruleId = ruleId;
      this.ruleName = ruleName;
      this.severity = severity;
      this.risk = risk;
      this.entityKey = entityKey;
      this.seqs = List.of(seqs);
      String value = entityKey.substring(entityKey.indexOf(':') + 1);
      this.entities =
          entityKey.startsWith("user:")
              ? new Entities(List.of(value), List.of(), List.of())
              : new Entities(List.of(), List.of(value), List.of());
    }

    DecisionBuilder entities(Entities entities) {
      this.entities = entities;
      return this;
    }

    Decision withPlaybook(String playbook) {
      this.playbook = playbook;
      return build();
    }

    Decision build() {
      return new Decision(
          ruleId, ruleName, severity, risk, entityKey, entities, seqs, playbook, Map.of());
    }
  }
}
