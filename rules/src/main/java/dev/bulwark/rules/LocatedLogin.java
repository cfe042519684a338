package dev.bulwark.rules;

/**
 * One successful, located login from an ordinary network as {@link LoginDay} keeps it: what a
 * decision needs to point at the journaled alert, built only when a rule fires.
 */
public record LocatedLogin(
    long seq,
    long timestamp,
    String userName,
    String hostName,
    String sourceIp,
    double lat,
    double lon)
    implements EvidenceRecord {

  /** {@code source.geo.location.lat}. */
  public double getLat() {
    return lat;
  }

  /** {@code source.geo.location.lon}. */
  public double getLon() {
    return lon;
  }
}
