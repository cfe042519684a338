package dev.bulwark.rules;

/**
 * One login or MFA challenge with a device as {@link DeviceDay} keeps it: what a decision needs to
 * point at the journaled alert, built only when a rule reads it.
 */
public record DeviceUse(
    long seq, long timestamp, String userName, String hostName, String sourceIp, String deviceId)
    implements EvidenceRecord {

  /** {@code device.id}. */
  public String getDeviceId() {
    return deviceId;
  }
}
