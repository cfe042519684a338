package dev.bulwark.rules;

import java.time.Duration;
import java.util.Set;
import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * The compact, day-long memory of a login, an MFA challenge or an input-latency sample, for rules
 * an author writes over such events one fact each: a dozen fields instead of the whole ECS
 * document. The bundled day-long rules no longer read traces but one aggregate per user or device
 * ({@link LatencyDay}, {@link LoginDay}, {@link DeviceDay}; ADR 0303), so the evaluator inserts a
 * trace beside the alert for each {@link #TRACKED_ACTIONS tracked action} only when a rule of the
 * session matches {@code Trace}.
 */
@Role(Role.Type.EVENT)
@Timestamp("timestamp")
// 25h = the longest window a rule may declare (24h) + the lateness allowed (1h): the hard cap, as
// for AlertEvent; the evaluator deletes at once the traces no day-long rule holds.
@Expires("25h")
public final class Trace implements Evidence {

  /**
   * The longest a trace stays in a session after its event time: the longest window a rule may
   * declare (24h) + the lateness allowed (1h). Matches {@link Expires} above.
   */
  public static final Duration EXPIRY = Duration.ofHours(25);

  /** The {@code event.action}s that leave a trace. */
  public static final Set<String> TRACKED_ACTIONS =
      Set.of("user-login", "mfa-challenge", "input-latency");

  private final long seq;
  private final long timestamp;
  private final String action;
  private final String outcome;
  private final String userName;
  private final String hostName;
  private final String sourceIp;
  private final String deviceId;
  private final String country;
  private final double lat;
  private final double lon;
  private final double durationNanos;
  private final boolean maskedNetwork;

  /**
   * @param maskedNetwork whether the source is an anonymising or corporate network, whose location
   *     says nothing about where the user is
   */
  Trace(AlertEvent event, boolean maskedNetwork) {
    this.seq = event.getSeq();
    this.timestamp = event.getTimestamp();
    this.action = event.getAction();
    this.outcome = event.getOutcome();
    this.userName = event.getUserName();
    this.hostName = event.getHostName();
    this.sourceIp = event.getSourceIp();
    this.deviceId = event.getDeviceId();
    this.country = event.getCountry();
    this.lat = event.getLat();
    this.lon = event.getLon();
    this.durationNanos = event.getDurationNanos();
    this.maskedNetwork = maskedNetwork;
  }

  @Override
  public long getSeq() {
    return seq;
  }

  @Override
  public long getTimestamp() {
    return timestamp;
  }

  public String getAction() {
    return action;
  }

  public String getOutcome() {
    return outcome;
  }

  @Override
  public String getUserName() {
    return userName;
  }

  @Override
  public String getHostName() {
    return hostName;
  }

  @Override
  public String getSourceIp() {
    return sourceIp;
  }

  public String getDeviceId() {
    return deviceId;
  }

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

  /** Whether the trace has a location. */
  public boolean isLocated() {
    return !Double.isNaN(lat) && !Double.isNaN(lon);
  }

  /** {@code event.duration} in nanoseconds, or 0. */
  public double getDurationNanos() {
    return durationNanos;
  }

  /** The source is an anonymising or corporate network: its location is not the user's. */
  public boolean isMaskedNetwork() {
    return maskedNetwork;
  }

  @Override
  public String toString() {
    return "Trace[" + seq + " " + action + "]";
  }
}
