package dev.bulwark.rules;

/**
 * Two located logins of one user, the later at the same time as the earlier or after it, too far
 * apart for the time between them: what "impossible travel" reports. Built by {@link
 * LoginDay#pairsReaching} for the rule's {@code from}. Not a record: Drools would take a pair equal
 * to one it matched before as that match modified, and fire it again.
 */
public final class TravelPair {

  private final LocatedLogin before;
  private final LocatedLogin login;
  private final double distanceKm;
  private final double speedKmh;

  TravelPair(LocatedLogin before, LocatedLogin login, double distanceKm, double speedKmh) {
    this.before = before;
    this.login = login;
    this.distanceKm = distanceKm;
    this.speedKmh = speedKmh;
  }

  /** The earlier login (or one at the same time): the decision's evidence. */
  public LocatedLogin getBefore() {
    return before;
  }

  /** The later login: the decision's trigger. */
  public LocatedLogin getLogin() {
    return login;
  }

  /** The great-circle distance from the earlier login to the later, in km. */
  public double getDistanceKm() {
    return distanceKm;
  }

  /** The speed in km/h the distance needs in the time between them; infinite at the same time. */
  public double getSpeedKmh() {
    return speedKmh;
  }

  @Override
  public String toString() {
    return "TravelPair[" + before.seq() + " -> " + login.seq() + " " + Math.round(speedKmh) + "]";
  }
}
