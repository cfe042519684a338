package dev.bulwark.rules;

import dev.bulwark.core.alert.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * One journaled alert as the rules see it: a Drools event stamped with the alert's event time, so
 * temporal operators ({@code before}, {@code after}, windows) compare {@code @timestamp}s, not
 * arrival times. The fields rules match on are read once here; anything else is reachable through
 * {@link #text(String)} or {@link #getAlert()}.
 *
 * <p>Public because the executable model compiles rule code that reads these getters.
 */
@Role(Role.Type.EVENT)
@Timestamp("timestamp")
// An event is dropped once the session clock (the latest event time seen) has moved 2h past its
// @timestamp; without an expiry, an event matched by a pattern with no temporal bound would stay in
// memory forever. 2h = the longest window a rule may declare (1h) + the lateness allowed (1h): an
// alert up to an hour late still finds every alert of its window. The policy is the default,
// TIME_HARD, so no rule can stretch it.
@Expires("2h")
public final class AlertEvent implements Evidence {

  /** How long after its event time an alert stays in a session; matches {@link Expires} above. */
  public static final Duration EXPIRY = Duration.ofHours(2);

  /** How late (behind the latest event time) an alert may arrive and still correlate fully. */
  public static final Duration ALLOWED_LATENESS = Duration.ofHours(1);

  /** The longest {@code @window} a rule may declare: what expiry leaves after lateness. */
  public static final Duration MAX_WINDOW = EXPIRY.minus(ALLOWED_LATENESS);

  private final Alert alert;
  private final long timestamp;
  private final String kind;
  private final List<String> categories;
  private final String action;
  private final String outcome;
  private final double riskScore;
  private final String userName;
  private final String hostName;
  private final String sourceIp;
  private final List<String> tags;
  private final double lat;
  private final double lon;
  private final double durationNanos;

  public AlertEvent(Alert alert) {
    this.alert = Objects.requireNonNull(alert, "alert");
    this.timestamp = alert.timestamp().toEpochMilli();
    this.kind = alert.text("event.kind");
    this.categories = List.copyOf(alert.texts("event.category"));
    this.action = alert.text("event.action");
    this.outcome = alert.text("event.outcome");
    Double risk = alert.number("event.risk_score");
    // A primitive with 0 for "absent" keeps `riskScore >= 73` safe in DRL: no null to unbox.
    this.riskScore = risk == null ? 0 : risk;
    this.userName = alert.userName();
    this.hostName = alert.hostName();
    this.sourceIp = alert.sourceIp();
    this.tags = List.copyOf(alert.texts("tags"));
    this.lat = orNaN(alert.number("source.geo.location.lat"));
    this.lon = orNaN(alert.number("source.geo.location.lon"));
    Double duration = alert.number("event.duration");
    this.durationNanos = duration == null ? 0 : duration;
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }

  public Alert getAlert() {
    return alert;
  }

  /** The journal position of the alert. */
  @Override
  public long getSeq() {
    return alert.seq();
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
    return alert.summary();
  }

  /** {@code tags}, e.g. {@code [vpn]}; empty when absent. */
  public List<String> getTags() {
    return tags;
  }

  /** {@code source.as.number} as text, or {@code null}. */
  public String getAsNumber() {
    return alert.text("source.as.number");
  }

  /** {@code source.as.organization.name}, or {@code null}. */
  public String getAsOrganization() {
    return alert.text("source.as.organization.name");
  }

  /** {@code source.geo.country_iso_code}, or {@code null}. */
  public String getCountry() {
    return alert.text("source.geo.country_iso_code");
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
    return alert.text("device.id");
  }

  /** {@code process.name}, or {@code null}. */
  public String getProcessName() {
    return alert.text("process.name");
  }

  /** {@code event.duration} in nanoseconds, or 0. */
  public double getDurationNanos() {
    return durationNanos;
  }

  /** Whether {@code event.type} contains the value, e.g. {@code start}. */
  public boolean hasType(String type) {
    return alert.texts("event.type").contains(type);
  }

  /** Any ECS field as text (see {@link Alert#text(String)}), or {@code null}. */
  public String text(String field) {
    return alert.text(field);
  }

  @Override
  public String toString() {
    return "AlertEvent[" + alert.seq() + " @ " + alert.timestamp() + "]";
  }
}
