package dev.bulwark.rules;

/**
 * One login or MFA challenge with a device as {@link DeviceDay} keeps it: what a decision needs to
 * point at the journaled alert, built only when a rule reads it.
 */
public record DeviceUse(
    long seq, long timestamp, String userName, String hostName, String sourceIp, String deviceId)
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

  /** {@code device.id}. */
  public String getDeviceId() {
    return deviceId;
  }
}
