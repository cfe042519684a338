package dev.bulwark.rules;

import java.util.Set;
import org.kie.api.runtime.KieSession;

/**
 * Keeps one {@link DeviceDay} fact per {@code device.id} in a session whose rules read them,
 * instead of a {@link Trace} per login or MFA challenge held for a day (ADR 0303).
 */
final class DeviceDays extends EventDays<DeviceDay> {

  /** The {@code event.action}s a device day holds, when they name a device and a user. */
  static final Set<String> ACTIONS = Set.of("mfa-challenge", "user-login");

  DeviceDays(KieSession session) {
    super(session);
  }

  /** The event's device, if it is a login or MFA challenge with a device and a user. */
  @Override
  String keyOf(AlertEvent event) {
    boolean counted =
        event.getAction() != null
            && ACTIONS.contains(event.getAction())
            && event.getUserName() != null;
    return counted ? event.getDeviceId() : null;
  }

  @Override
  DeviceDay newDay(String deviceId) {
    return new DeviceDay(deviceId);
  }

  @Override
  void add(DeviceDay day, AlertEvent event) {
    day.add(
        event.getSeq(),
        event.getTimestamp(),
        event.getUserName(),
        event.getHostName(),
        event.getSourceIp());
  }
}
