package dev.bulwark.rules;

import java.util.List;

/**
 * The logins and MFA challenges with one device in the window before one of them (the window's end,
 * inclusive of those at the same time): what "one device, many accounts" weighs. Built by {@link
 * DeviceDay#spansReaching} for the rule's {@code from}, and read in the same firing: it points into
 * the day's arrays rather than copying them (a busy device reaches as many windows as it has
 * events, each of them holding most of its day), so it must not outlive a change of the day.
 */
public final class DeviceSpan {

  private final DeviceDay day;
  private final int revision;
  private final int end;
  private final int from;
  private final int to;
  private final int distinctUsers;

  DeviceSpan(DeviceDay day, int end, int from, int to, int distinctUsers) {
    this.day = day;
    this.revision = day.revision();
    this.end = end;
    this.from = from;
    this.to = to;
    this.distinctUsers = distinctUsers;
  }

  /** The event that ends the window: the decision's trigger. */
  public DeviceUse getLatest() {
    checkCurrent();
    return day.use(end);
  }

  /** How many distinct users the window's events name. */
  public int getDistinctUsers() {
    return distinctUsers;
  }

  /** How many events the window holds, the one that ends it included. */
  public int getEvents() {
    return to - from;
  }

  /** The window's events, by event time, the latest included: the decision's evidence. */
  public List<DeviceUse> getUses() {
    checkCurrent();
    return day.uses(from, to);
  }

  private void checkCurrent() {
    if (day.revision() != revision) {
      throw new IllegalStateException(
          this + " was read after its day changed; read a span in the firing that offered it");
    }
  }

  @Override
  public String toString() {
    return "DeviceSpan[" + day.getDeviceId() + " " + distinctUsers + " users/" + getEvents() + "]";
  }
}
