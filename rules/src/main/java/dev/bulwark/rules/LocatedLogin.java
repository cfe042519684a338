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
    implements Evidence {

  @Override
  public long getSeq() {
    return seq;
  }

  @Override
  public long getTimestamp() {
    return timestamp;
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

  /** {@code source.geo.location.lat}. */
  public double getLat() {
    return lat;
  }

  /** {@code source.geo.location.lon}. */
  public double getLon() {
    return lon;
  }
}
