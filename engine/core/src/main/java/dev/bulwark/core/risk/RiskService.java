package dev.bulwark.core.risk;

import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.IncidentStore;
import dev.bulwark.core.incident.PlaybookRef;
import dev.bulwark.core.incident.PlaybookRef.PlaybookState;
import dev.bulwark.core.incident.Severity;
import dev.bulwark.core.incident.TimelineEntry;
import dev.bulwark.core.rules.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Accumulates risk per identity and host on event time, in the database rather than in the rules'
 * memory, so a 7-day window costs a few rows per signal instead of 7 days of alerts in a session.
 *
 * <p>An entity's score is the sum, over the rules that signalled it within the window, of the
 * highest points each rule gave: a rule that fires every five minutes counts once, so only
 * <em>different</em> kinds of evidence add up. When an identity's score reaches the threshold, an
 * incident opens listing every contributing signal with its points; later signals join it while it
 * is open. A signal worth the threshold on its own (a strong signal) opens one directly. Within the
 * suppression window after a containment, a new incident opens without its playbook, so the same
 * identity is not contained twice.
 *
 * <p>Hosts are weighed the same way against their own threshold, from the signals about them and
 * those about the identities that name them; a host's incident asks for the host playbook ({@code
 * contain_host}) and is suppressed after a containment like an identity's.
 */
public final class RiskService {

  private static final String HOST = "host:";

  private final RiskStore risks;
  private final IncidentStore incidents;
  private final RiskPolicy policy;
  private final Clock clock;

  public RiskService(RiskStore risks, IncidentStore incidents, RiskPolicy policy, Clock clock) {
    this.risks = risks;
    this.incidents = incidents;
    this.policy = policy;
    this.clock = clock;
  }

  public RiskPolicy policy() {
    return policy;
  }

  /**
   * Records the signal for its entity and for each host it names, and weighs each of them against
   * its threshold; returns the incidents it opened or joined, the signal's own entity's first.
   * Called inside the journal processor's transaction.
   */
  public List<Incident> apply(Decision signal, Map<Long, Alert> alerts) {
    Instant eventTime = eventTime(signal, alerts);
    List<Incident> touched = new ArrayList<>();
    assess(signal, signal.entityKey(), entitiesOf(signal, signal.entityKey()), eventTime)
        .ifPresent(touched::add);
    if (signal.entityKey().startsWith("user:")) {
      for (String host : signal.entities().hosts()) {
        String hostKey = HOST + host;
        assess(signal, hostKey, entitiesOf(signal, hostKey), eventTime).ifPresent(touched::add);
      }
    }
    return touched;
  }

  /** Whether the entity key names a host rather than an identity. */
  public static boolean isHost(String entityKey) {
    return entityKey.startsWith(HOST);
  }

  /** Records the signal for one entity; opens or joins that entity's risk incident. */
  private Optional<Incident> assess(
      Decision signal, String entityKey, Entities entities, Instant eventTime) {
    RiskSignal recorded = record(signal, entityKey, eventTime);
    String key = Decision.RISK_PREFIX + entityKey;
    Instant now = clock.instant();
    Optional<Incident> open = incidents.findOpen(key);
    List<RiskSignal> inWindow = heaviestWindow(entityKey, eventTime);
    int score = score(inWindow);
    if (open.isPresent()) {
      return Optional.of(join(open.get(), entityKey, entities, recorded, score, now));
    }
    if (score < policy.thresholdFor(entityKey)) {
      return Optional.empty();
    }
    return Optional.of(open(signal, entityKey, entities, inWindow, score, now));
  }

  /**
   * What an entity's incident is about: an identity's names every user, host and address of the
   * signal; a host's names that host alone, with the users and addresses seen on it.
   */
  private static Entities entitiesOf(Decision signal, String entityKey) {
    if (!isHost(entityKey) || signal.entityKey().equals(entityKey)) {
      return signal.entities();
    }
    return new Entities(
        signal.entities().users(),
        List.of(entityKey.substring(HOST.length())),
        signal.entities().ips());
  }

  /**
   * The signals of the window (of the policy's length) around a new signal that scores highest.
   * Signals are not always recorded in event-time order: rules for different identities run in
   * different journal partitions (ADR 0802), so a host's later signal may have been recorded first.
   * Looking only backwards from the new signal would then never see the sum cross the threshold;
   * every window that contains the new signal is looked at instead.
   */
  private List<RiskSignal> heaviestWindow(String entityKey, Instant eventTime) {
    Duration window = policy.window();
    List<RiskSignal> around =
        risks.signals(entityKey, eventTime.minus(window), eventTime.plus(window));
    List<RiskSignal> best = within(around, eventTime.minus(window), eventTime);
    int bestScore = score(best);
    for (RiskSignal later : around) {
      Instant end = later.eventTime();
      if (!end.isAfter(eventTime)) {
        continue;
      }
      List<RiskSignal> candidate = within(around, end.minus(window), end);
      int candidateScore = score(candidate);
      if (candidateScore > bestScore) {
        best = candidate;
        bestScore = candidateScore;
      }
    }
    return best;
  }

  private static List<RiskSignal> within(List<RiskSignal> signals, Instant from, Instant to) {
    return signals.stream()
        .filter(each -> !each.eventTime().isBefore(from) && !each.eventTime().isAfter(to))
        .toList();
  }

  /** The sum over rules of the highest points each rule gave. */
  public static int score(List<RiskSignal> signals) {
    Map<String, Integer> byRule = new HashMap<>();
    signals.forEach(each -> byRule.merge(each.ruleId(), each.points(), Math::max));
    return byRule.values().stream().mapToInt(Integer::intValue).sum();
  }

  private RiskSignal record(Decision signal, String entityKey, Instant eventTime) {
    RiskSignal recorded =
        new RiskSignal(
            entityKey,
            signal.ruleId(),
            signal.ruleName(),
            signal.riskScore(),
            eventTime,
            signal.alertSeqs());
    risks.record(recorded);
    return recorded;
  }

  private Incident open(
      Decision signal,
      String entityKey,
      Entities entities,
      List<RiskSignal> contributing,
      int score,
      Instant now) {
    String key = Decision.RISK_PREFIX + entityKey;
    Optional<Instant> contained = risks.lastContained(key);
    boolean suppressed =
        contained.isPresent() && contained.get().plus(policy.suppression()).isAfter(now);
    // A host is contained as a host, whatever playbook the rule asked for its identity.
    String asked = isHost(entityKey) ? policy.hostPlaybook() : signal.playbook();
    PlaybookRef playbook =
        asked == null || suppressed
            ? new PlaybookRef(null, null, PlaybookState.NONE)
            : new PlaybookRef(asked, null, PlaybookState.PENDING);
    int threshold = policy.thresholdFor(entityKey);
    List<Long> seqs = new ArrayList<>();
    List<String> ruleIds = new ArrayList<>();
    for (RiskSignal each : contributing) {
      each.alertSeqs().stream().filter(seq -> !seqs.contains(seq)).forEach(seqs::add);
      if (!ruleIds.contains(each.ruleId())) {
        ruleIds.add(each.ruleId());
      }
    }
    Incident incident =
        new Incident(
            UUID.randomUUID().toString(),
            "Risk threshold crossed: " + entityName(entityKey),
            severity(score, threshold),
            IncidentStatus.OPEN,
            now,
            now,
            key,
            ruleIds,
            score,
            0,
            entities,
            playbook);
    incidents.insert(incident);
    int attached = incidents.attachAlerts(incident.id(), seqs).size();
    Incident withAlerts = withScore(incident, severity(score, threshold), score, attached, now);
    incidents.update(withAlerts);
    Map<String, Object> crossed = new LinkedHashMap<>();
    crossed.put("score", score);
    crossed.put("threshold", threshold);
    crossed.put("window", policy.window().toString());
    crossed.put("ruleSetVersion", signal.ruleSetVersion());
    incidents.addTimeline(
        incident.id(),
        new TimelineEntry(
            now,
            "risk_threshold",
            score + " risk points within " + policy.window().toDays() + " days",
            crossed));
    contributing.forEach(each -> incidents.addTimeline(incident.id(), signalEntry(each, now)));
    if (suppressed) {
      incidents.addTimeline(
          incident.id(),
          new TimelineEntry(
              now,
              "containment_suppressed",
              "contained on "
                  + contained.get()
                  + "; not contained again before "
                  + policy.suppression()
                  + " have passed",
              Map.of("containedAt", contained.get().toString())));
    }
    return withAlerts;
  }

  private Incident join(
      Incident incident,
      String entityKey,
      Entities entities,
      RiskSignal recorded,
      int score,
      Instant now) {
    int attached = incidents.attachAlerts(incident.id(), recorded.alertSeqs()).size();
    List<String> ruleIds = new ArrayList<>(incident.ruleIds());
    if (!ruleIds.contains(recorded.ruleId())) {
      ruleIds.add(recorded.ruleId());
    }
    Severity severity = severity(score, policy.thresholdFor(entityKey));
    Incident grown =
        new Incident(
            incident.id(),
            incident.title(),
            severity.compareTo(incident.severity()) > 0 ? severity : incident.severity(),
            incident.status(),
            incident.createdAt(),
            now,
            incident.correlationKey(),
            ruleIds,
            Math.max(incident.riskScore(), score),
            incident.alertCount() + attached,
            incident.entities().merge(entities),
            incident.playbook());
    incidents.update(grown);
    incidents.addTimeline(incident.id(), signalEntry(recorded, now));
    return grown;
  }

  private static Incident withScore(
      Incident incident, Severity severity, int score, int attached, Instant now) {
    Entities entities = incident.entities();
    return new Incident(
        incident.id(),
        incident.title(),
        severity,
        incident.status(),
        incident.createdAt(),
        now,
        incident.correlationKey(),
        incident.ruleIds(),
        score,
        incident.alertCount() + attached,
        entities,
        incident.playbook());
  }

  /** Twice the threshold is as sure as the rules get: critical. */
  private static Severity severity(int score, int threshold) {
    return score >= 2 * threshold ? Severity.CRITICAL : Severity.HIGH;
  }

  private static TimelineEntry signalEntry(RiskSignal signal, Instant now) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ruleId", signal.ruleId());
    details.put("points", signal.points());
    details.put("eventTime", signal.eventTime().toString());
    details.put("alerts", signal.alertSeqs());
    return new TimelineEntry(
        now, "risk_signal", signal.ruleName() + " (+" + signal.points() + ")", details);
  }

  /** The newest event time among the signal's alerts in this batch; now when none is at hand. */
  private Instant eventTime(Decision signal, Map<Long, Alert> alerts) {
    Instant latest = null;
    for (Long seq : signal.alertSeqs()) {
      Alert alert = alerts.get(seq);
      if (alert != null && (latest == null || alert.timestamp().isAfter(latest))) {
        latest = alert.timestamp();
      }
    }
    return latest == null ? clock.instant() : latest;
  }

  /** {@code jdoe} for an identity, {@code host ws-12} for a host. */
  private static String entityName(String entityKey) {
    if (isHost(entityKey)) {
      return "host " + entityKey.substring(HOST.length());
    }
    int colon = entityKey.indexOf(':');
    return colon >= 0 ? entityKey.substring(colon + 1) : entityKey;
  }
}
