package dev.bulwark.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.PlaybookRef.PlaybookState;
import dev.bulwark.core.incident.ScratchIncidentStore;
import dev.bulwark.core.incident.Severity;
import dev.bulwark.core.incident.TimelineEntry;
import dev.bulwark.core.rules.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskServiceTest {

  private static final Instant NOW = Instant.parse("2025-03-20T12:00:00Z");
  private static final Instant DAY_1 = Instant.parse("2025-03-10T09:00:00Z");

  private final InMemoryRiskStore risks = new InMemoryRiskStore();
  private final ScratchIncidentStore incidents = new ScratchIncidentStore();
  private final RiskService service =
      new RiskService(risks, incidents, RiskPolicy.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
  private final Map<Long, Alert> alerts = new HashMap<>();
  private long seq;

  @Test
  void oneWeakSignalAloneOpensNoIncident() {
    assertThat(apply("vpn-login", 30, "jdoe", DAY_1)).isEmpty();

    assertThat(incidents.all()).isEmpty();
  }

  @Test
  void differentSignalsWithinTheWindowAddUpToAnIncidentListingEachWithItsPoints() {
    apply("vpn-login", 30, "jdoe", DAY_1);
    apply("remote-tool", 30, "jdoe", DAY_1.plus(Duration.ofDays(2)));
    Incident incident =
        apply("edr-alert", 47, "jdoe", DAY_1.plus(Duration.ofDays(4))).orElseThrow();

    assertThat(incident.correlationKey()).isEqualTo("risk|user:jdoe");
    assertThat(incident.title()).isEqualTo("Risk threshold crossed: jdoe");
    assertThat(incident.riskScore()).isEqualTo(107);
    assertThat(incident.alertCount()).isEqualTo(3);
    assertThat(incident.ruleIds()).containsExactly("vpn-login", "remote-tool", "edr-alert");
    assertThat(incident.playbook().state()).isEqualTo(PlaybookState.PENDING);
    assertThat(summaries(incident, "risk_signal"))
        .containsExactly("vpn-login rule (+30)", "remote-tool rule (+30)", "edr-alert rule (+47)");
  }

  @Test
  void signalsRecordedOutOfEventTimeOrderStillAddUp() {
    // Another partition recorded the later signals first (ADR 0802): the earliest one, recorded
    // last, must still see them, or the threshold is never crossed.
    apply("edr-alert", 47, "jdoe", DAY_1.plus(Duration.ofDays(4)));
    apply("remote-tool", 30, "jdoe", DAY_1.plus(Duration.ofDays(2)));

    Incident incident = apply("vpn-login", 30, "jdoe", DAY_1).orElseThrow();

    assertThat(incident.riskScore()).isEqualTo(107);
    assertThat(incident.ruleIds())
        .containsExactlyInAnyOrder("vpn-login", "remote-tool", "edr-alert");
  }

  @Test
  void aSignalOutOfOrderCountsOnlyWithSignalsWithinOneWindowOfIt() {
    apply("edr-alert", 47, "jdoe", DAY_1.plus(Duration.ofDays(9)));
    apply("remote-tool", 30, "jdoe", DAY_1.plus(Duration.ofDays(2)));

    assertThat(apply("vpn-login", 30, "jdoe", DAY_1)).isEmpty();
  }

  @Test
  void signalsOlderThanTheWindowNoLongerCount() {
    apply("vpn-login", 30, "jdoe", DAY_1);
    apply("remote-tool", 30, "jdoe", DAY_1.plus(Duration.ofDays(2)));

    assertThat(apply("edr-alert", 47, "jdoe", DAY_1.plus(Duration.ofDays(8)))).isEmpty();
  }

  @Test
  void theSameRuleFiringAgainCountsOnceWithItsHighestPoints() {
    for (int i = 0; i < 5; i++) {
      apply("vpn-login", 30, "jdoe", DAY_1.plus(Duration.ofHours(i)));
    }
    apply("vpn-login", 40, "jdoe", DAY_1.plus(Duration.ofHours(6)));

    assertThat(incidents.all()).isEmpty();
    assertThat(RiskService.score(risks.signals("user:jdoe", DAY_1, NOW))).isEqualTo(40);
  }

  @Test
  void aStrongSignalOpensAnIncidentOnItsOwn() {
    Incident incident = apply("ip-kvm", 100, "jdoe", DAY_1).orElseThrow();

    assertThat(incident.riskScore()).isEqualTo(100);
    assertThat(incident.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void laterSignalsJoinTheOpenIncidentInsteadOfOpeningAnother() {
    Incident opened = apply("ip-kvm", 100, "jdoe", DAY_1).orElseThrow();

    Incident joined = apply("vpn-login", 30, "jdoe", DAY_1.plusSeconds(60)).orElseThrow();

    assertThat(joined.id()).isEqualTo(opened.id());
    assertThat(joined.riskScore()).isEqualTo(130);
    assertThat(incidents.all()).hasSize(1);
    assertThat(summaries(joined, "risk_signal")).endsWith("vpn-login rule (+30)");
  }

  @Test
  void afterAContainmentTheIdentityIsNotContainedAgainWithinTheSuppressionWindow() {
    Incident first = apply("ip-kvm", 100, "jdoe", DAY_1).orElseThrow();
    incidents.update(first.withStatus(IncidentStatus.CONTAINED));
    risks.contained("risk|user:jdoe", NOW.minus(Duration.ofDays(1)));

    Incident second = apply("ip-kvm", 100, "jdoe", DAY_1.plus(Duration.ofDays(1))).orElseThrow();

    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(second.playbook().state()).isEqualTo(PlaybookState.NONE);
    assertThat(summaries(second, "containment_suppressed")).hasSize(1);
  }

  @Test
  void afterTheSuppressionWindowTheIdentityIsContainedAgain() {
    risks.contained("risk|user:jdoe", NOW.minus(Duration.ofDays(8)));

    Incident incident = apply("ip-kvm", 100, "jdoe", DAY_1).orElseThrow();

    assertThat(incident.playbook().state()).isEqualTo(PlaybookState.PENDING);
  }

  @Test
  void theHostOfASignalGetsItsPointsToo() {
    apply("remote-tool", 30, "jdoe", DAY_1);

    assertThat(risks.signals("host:jdoe-laptop", DAY_1, NOW))
        .extracting(RiskSignal::points)
        .containsExactly(30);
  }

  @Test
  void aHostCrossingItsThresholdGetsAnIncidentAskingForContainHostWithEachSignal() {
    // Three accounts on one farm laptop, each below the identity threshold: only the host adds up.
    signalOn("ip-kvm", 60, "anna", "farm-1", DAY_1);
    signalOn("remote-tool", 70, "boris", "farm-1", DAY_1.plus(Duration.ofHours(2)));
    List<Incident> touched =
        signalOn("latency", 80, "chen", "farm-1", DAY_1.plus(Duration.ofHours(4)));

    Incident host = touched.get(0);
    assertThat(touched).hasSize(1);
    assertThat(host.correlationKey()).isEqualTo("risk|host:farm-1");
    assertThat(host.title()).isEqualTo("Risk threshold crossed: host farm-1");
    assertThat(host.riskScore()).isEqualTo(210);
    assertThat(host.severity()).isEqualTo(Severity.HIGH);
    assertThat(host.playbook().key()).isEqualTo("contain_host");
    assertThat(host.playbook().state()).isEqualTo(PlaybookState.PENDING);
    assertThat(host.entities().hosts()).containsExactly("farm-1");
    assertThat(host.entities().users()).containsExactly("chen");
    assertThat(summaries(host, "risk_signal"))
        .containsExactly("ip-kvm rule (+60)", "remote-tool rule (+70)", "latency rule (+80)");
    assertThat(incidents.all())
        .extracting(Incident::correlationKey)
        .containsExactly("risk|host:farm-1");
  }

  @Test
  void laterSignalsOnTheHostJoinItsOpenIncident() {
    signalOn("ip-kvm", 100, "anna", "farm-1", DAY_1);
    Incident opened = signalOn("remote-tool", 100, "boris", "farm-1", DAY_1.plusSeconds(60)).get(1);

    List<Incident> touched = signalOn("vpn-login", 30, "chen", "farm-1", DAY_1.plusSeconds(120));

    Incident joined = touched.get(0);
    assertThat(joined.id()).isEqualTo(opened.id());
    assertThat(joined.riskScore()).isEqualTo(230);
    assertThat(joined.entities().users()).containsExactly("boris", "chen");
    assertThat(summaries(joined, "risk_signal")).endsWith("vpn-login rule (+30)");
  }

  @Test
  void afterAHostsContainmentItIsNotContainedAgainWithinTheSuppressionWindow() {
    risks.contained("risk|host:farm-1", NOW.minus(Duration.ofDays(1)));

    signalOn("ip-kvm", 100, "anna", "farm-1", DAY_1);
    Incident host = signalOn("remote-tool", 100, "boris", "farm-1", DAY_1.plusSeconds(60)).get(1);

    assertThat(host.correlationKey()).isEqualTo("risk|host:farm-1");
    assertThat(host.playbook().state()).isEqualTo(PlaybookState.NONE);
    assertThat(summaries(host, "containment_suppressed")).hasSize(1);
  }

  @Test
  void signalsAboutAHostAloneCountAgainstTheHostThreshold() {
    RiskService lowHostThreshold =
        new RiskService(
            risks,
            incidents,
            new RiskPolicy(Duration.ofDays(7), 100, Duration.ofDays(7), 120, "contain_host"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(lowHostThreshold.apply(hostSignal("edr-a", 100, "ws-12", DAY_1), alerts)).isEmpty();
    List<Incident> touched =
        lowHostThreshold.apply(hostSignal("edr-b", 20, "ws-12", DAY_1.plusSeconds(60)), alerts);

    assertThat(touched).extracting(Incident::correlationKey).containsExactly("risk|host:ws-12");
    assertThat(touched.get(0).playbook().key()).isEqualTo("contain_host");
  }

  private Optional<Incident> apply(String rule, int points, String user, Instant at) {
    return service.apply(signal(rule, points, user, user + "-laptop", at), alerts).stream()
        .filter(incident -> incident.correlationKey().equals("risk|user:" + user))
        .findFirst();
  }

  private List<Incident> signalOn(String rule, int points, String user, String host, Instant at) {
    return service.apply(signal(rule, points, user, host, at), alerts);
  }

  private Decision signal(String rule, int points, String user, String host, Instant at) {
    long alertSeq = ++seq;
    alerts.put(alertSeq, new Alert(alertSeq, at, JsonNodeFactory.instance.objectNode()));
    return new Decision(
        rule,
        rule + " rule",
        Severity.MEDIUM,
        points,
        "user:" + user,
        new Entities(List.of(user), List.of(host), List.of()),
        List.of(alertSeq),
        "contain_compromised_account",
        Map.of(),
        Decision.Kind.RISK,
        "abc123");
  }

  private Decision hostSignal(String rule, int points, String host, Instant at) {
    long alertSeq = ++seq;
    alerts.put(alertSeq, new Alert(alertSeq, at, JsonNodeFactory.instance.objectNode()));
    return new Decision(
        rule,
        rule + " rule",
        Severity.MEDIUM,
        points,
        "host:" + host,
        new Entities(List.of(), List.of(host), List.of()),
        List.of(alertSeq),
        "contain_remote_worker",
        Map.of(),
        Decision.Kind.RISK,
        "abc123");
  }

  private List<String> summaries(Incident incident, String kind) {
    return incidents.timeline(incident.id()).stream()
        .filter(entry -> entry.kind().equals(kind))
        .map(TimelineEntry::summary)
        .toList();
  }
}
