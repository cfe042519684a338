package dev.bulwark.rules;

import dev.bulwark.core.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * One journaled alert as the rules see it: a Drools event stamped with the alert's event time, so
 * temporal operators ({@code before}, {@code after}, windows) compare {@code @timestamp}s, not
 * arrival times. The fields rules match on are read once here, and of the rest of the document only
 * the fields the rule set names in {@code text("...")} calls (see {@link DocumentFields}): the
 * session holds compact events, not parsed documents, whose home is the journal.
 *
 * <p>Public because the executable model compiles rule code that reads these getters.
 */
@Role(Role.Type.EVENT)
@Timestamp("timestamp")
// The hard cap: an event is dropped once the session clock (the latest event time seen) has moved
// 2h past its @timestamp. 2h = the longest window a rule may declare on alerts (1h) + the lateness
// allowed (1h). Most events leave far sooner: the evaluator deletes an event as soon as no rule
// that looks back can match it any more (see Retention). The cap must be declared: without it
// Drools infers one from the rules' temporal operators, which would leave out the lateness.
@Expires("2h")
public final class AlertEvent implements Evidence {

  /**
   * The longest an alert stays in a session after its event time: the longest window a rule may
   * declare on alerts (1h) + the lateness allowed (1h), so an alert up to an hour late still finds
   * every alert of its window. Matches {@link Expires} above; most leave far sooner: see {@link
   * DroolsRuleEvaluator}.
   */
  public static final Duration EXPIRY = Duration.ofHours(2);

  /** How late (behind the latest event time) an alert may arrive and still correlate fully. */
  public static final Duration ALLOWED_LATENESS = Duration.ofHours(1);

  /** The longest {@code @window} a rule may declare: what expiry leaves after lateness. */
  public static final Duration MAX_WINDOW = EXPIRY.minus(ALLOWED_LATENESS);

  private final Alert alert;
  private final long seq;
  private final long timestamp;
  private final String kind;
  private final List<String> categories;
  private final List<String> types;
  private final String action;
  private final String outcome;
  private final double riskScore;
  private final String userName;
  private final String hostName;
  private final String sourceIp;
  private final List<String> tags;
  private final String asNumber;
  private final String asOrganization;
  private final String country;
  private final double lat;
  private final double lon;
  private final String deviceId;
  private final String processName;
  private final double durationNanos;
  private final Map<String, String> texts;

  /** An event that keeps the whole alert: for callers outside an evaluator (tests, tools). */
  public AlertEvent(Alert alert) {
    this(alert, DocumentFields.ALL, new Interner());
  }

  /**
   * An event that keeps the fields every rule may match on and, of the rest of the document, only
   * what {@code fields} says the rule set reads; equal strings are shared through {@code interner}.
   * Without the document, an event held for a day of correlation costs a few hundred bytes instead
   * of several kilobytes.
   */
  AlertEvent(Alert alert, DocumentFields fields, Interner interner) {
    Objects.requireNonNull(alert, "alert");
    DocumentReader document = new DocumentReader(alert);
    this.alert = fields.wholeDocument() ? alert : null;
    this.seq = alert.seq();
    this.timestamp = alert.timestamp().toEpochMilli();
    this.kind = interner.intern(document.text("event.kind"));
    this.categories = interned(document.texts("event.category"), interner);
    this.types = interned(document.texts("event.type"), interner);
    this.action = interner.intern(document.text("event.action"));
    this.outcome = interner.intern(document.text("event.outcome"));
    Double risk = document.number("event.risk_score");
    // A primitive with 0 for "absent" keeps `riskScore >= 73` safe in DRL: no null to unbox.
    this.riskScore = risk == null ? 0 : risk;
    this.userName = interner.intern(document.text("user.name"));
    this.hostName = interner.intern(document.text("host.name"));
    this.sourceIp = interner.intern(document.text("source.ip"));
    this.tags = interned(document.texts("tags"), interner);
    this.asNumber = interner.intern(document.text("source.as.number"));
    this.asOrganization = interner.intern(document.text("source.as.organization.name"));
    this.country = interner.intern(document.text("source.geo.country_iso_code"));
    this.lat = orNaN(document.number("source.geo.location.lat"));
    this.lon = orNaN(document.number("source.geo.location.lon"));
    this.deviceId = interner.intern(document.text("device.id"));
    this.processName = interner.intern(document.text("process.name"));
    Double duration = document.number("event.duration");
    this.durationNanos = duration == null ? 0 : duration;
    this.texts = texts(document, fields, interner);
  }

  private static List<String> interned(List<String> values, Interner interner) {
    if (values.isEmpty()) {
      return List.of();
    }
    String[] shared = new String[values.size()];
    for (int i = 0; i < shared.length; i++) {
      shared[i] = interner.intern(values.get(i));
    }
    return List.of(shared);
  }

  private static Map<String, String> texts(
      DocumentReader document, DocumentFields fields, Interner interner) {
    if (fields.wholeDocument() || fields.texts().isEmpty()) {
      return Map.of();
    }
    Map<String, String> texts = null;
    for (String field : fields.texts()) {
      String value = document.text(field);
      if (value != null) {
        if (texts == null) {
          texts = new HashMap<>(4);
        }
        texts.put(field, interner.intern(value));
      }
    }
    return texts == null ? Map.of() : texts;
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }

  /**
   * The whole alert. Only events of a rule set that reads whole documents keep it (see {@link
   * DocumentFields}); in a compact event the document is in the journal, under {@link #getSeq()}.
   *
   * @throws IllegalStateException for a compact event
   */
  public Alert getAlert() {
    if (alert == null) {
      throw new IllegalStateException(
          "alert "
              + seq
              + " was kept without its document because no rule of this rule set reads"
              + " getAlert(); read it from the journal by its seq");
    }
    return alert;
  }

  /** The journal position of the alert. */
  @Override
  public long getSeq() {
    return seq;
  }

  /** The event time ({@code @timestamp}) in epoch milliseconds; Drools' event timestamp. */
  @Override
  public long getTimestamp() {
    return timestamp;
  }

  /** {@code event.kind}: {@code alert} for a SIEM alert, {@code event} for a raw event. */
  public String getKind() {
    return kind;
  }

  /** {@code event.category}, e.g. {@code [authentication]}; empty when absent. */
  public List<String> getCategories() {
    return categories;
  }

  /** {@code event.action}, e.g. {@code logon-failed}. */
  public String getAction() {
    return action;
  }

  /** {@code event.outcome}: {@code success}, {@code failure} or {@code unknown}. */
  public String getOutcome() {
    return outcome;
  }

  /** {@code event.risk_score} (0-100), or 0 when the alert has none. */
  public double getRiskScore() {
    return riskScore;
  }

  /** {@code user.name}, or {@code null}. */
  @Override
  public String getUserName() {
    return userName;
  }

  /** {@code host.name}, or {@code null}. */
  @Override
  public String getHostName() {
    return hostName;
  }

  /** {@code source.ip}, or {@code null}. */
  @Override
  public String getSourceIp() {
    return sourceIp;
  }

  /** A short human label: the SIEM rule name, the message, or the event action. */
  public String getSummary() {
    if (alert != null) {
      return alert.summary();
    }
    for (String field : DocumentFields.SUMMARY_FIELDS) {
      String value = text(field);
      if (value != null) {
        return value;
      }
    }
    return "alert " + seq;
  }

  /** {@code tags}, e.g. {@code [vpn]}; empty when absent. */
  public List<String> getTags() {
    return tags;
  }

  /** {@code source.as.number} as text, or {@code null}. */
  public String getAsNumber() {
    return asNumber;
  }

  /** {@code source.as.organization.name}, or {@code null}. */
  public String getAsOrganization() {
    return asOrganization;
  }

  /** {@code source.geo.country_iso_code}, or {@code null}. */
  public String getCountry() {
    return country;
  }

  /** {@code source.geo.location.lat}, or NaN. */
  public double getLat() {
    return lat;
  }

  /** {@code source.geo.location.lon}, or NaN. */
  public double getLon() {
    return lon;
  }

  /** {@code device.id}, or {@code null}. */
  public String getDeviceId() {
    return deviceId;
  }

  /** {@code process.name}, or {@code null}. */
  public String getProcessName() {
    return processName;
  }

  /** {@code event.duration} in nanoseconds, or 0. */
  public double getDurationNanos() {
    return durationNanos;
  }

  /** Whether {@code event.type} contains the value, e.g. {@code start}. */
  public boolean hasType(String type) {
    return types.contains(type);
  }

  /**
   * Any ECS field the rule set names in a {@code text("...")} call, as text (see {@link
   * Alert#text(String)}), or {@code null}. A compact event keeps exactly those fields; a field the
   * rule set does not name is {@code null} here (the rule set would not ask for it).
   */
  public String text(String field) {
    if (alert != null) {
      return alert.text(field);
    }
    // event.action and the other extracted fields are answered from what the event keeps.
    String value = texts.get(field);
    return value != null ? value : extracted(field);
  }

  private String extracted(String field) {
    return switch (field) {
      case "event.kind" -> kind;
      case "event.action" -> action;
      case "event.outcome" -> outcome;
      case "user.name" -> userName;
      case "host.name" -> hostName;
      case "source.ip" -> sourceIp;
      case "source.as.number" -> asNumber;
      case "source.as.organization.name" -> asOrganization;
      case "source.geo.country_iso_code" -> country;
      case "device.id" -> deviceId;
      case "process.name" -> processName;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return "AlertEvent[" + seq + " @ " + Instant.ofEpochMilli(timestamp) + "]";
  }
}
