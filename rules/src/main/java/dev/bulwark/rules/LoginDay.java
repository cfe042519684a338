package dev.bulwark.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The successful, located logins of one user from ordinary networks over the last day, as one fact:
 * a few numbers per login in arrays sorted by event time, instead of one {@link Trace} per login
 * (each fact costs Drools ~2 KB; a day of a workforce's logins was much of what a session held).
 * "Impossible travel" needs only the pairs of them too far apart for the time between. The
 * evaluator records each login here and updates the fact (ADR 0303); the rule reads {@link
 * #pairsReaching} with its own window, distance and speed.
 *
 * <p>The pairs offered are those with a login added since the rule last fired, the pairs a join of
 * two per-login facts would newly match, so the rule fires where that one did, once per pair. A
 * login leaving the day offers nothing, as a fact leaving a join fires nothing.
 */
public final class LoginDay extends EventDay {

  private final String userName;
  private double[] lats = new double[INITIAL_CAPACITY];
  private double[] lons = new double[INITIAL_CAPACITY];
  // Added since the rule last fired.
  private boolean[] fresh = new boolean[INITIAL_CAPACITY];
  // Logins added since the rule last fired, including any that left the day since: then the scan
  // for new ones finds fewer.
  private int freshCount;

  LoginDay(String userName) {
    this.userName = userName;
  }

  public String getUserName() {
    return userName;
  }

  /**
   * The pairs of logins, one of them added since the rule last fired, whose later one is at most
   * {@code window} after the earlier (inclusive at both ends, as {@code before[0s, window]}; two
   * logins at the same time pair both ways), more than {@code minKm} apart and needing more than
   * {@code minKmh} to get from one to the other.
   */
  public List<TravelPair> pairsReaching(Duration window, double minKm, double minKmh) {
    if (freshCount == 0) {
      return List.of();
    }
    long windowMillis = window.toMillis();
    int size = getSize();
    List<TravelPair> pairs = new ArrayList<>();
    for (int added = 0; added < size; added++) {
      if (!fresh[added]) {
        continue;
      }
      long time = time(added);
      // As the later login, with every other login of the window before it.
      for (int i = firstAtOrAfter(time - windowMillis); i < size && time(i) <= time; i++) {
        if (i != added) {
          offer(pairs, i, added, minKm, minKmh);
        }
      }
      // As the earlier, with the logins of the window after it that are not new: a new one pairs
      // with this one as its own earlier login above.
      long last = time > Long.MAX_VALUE - windowMillis ? Long.MAX_VALUE : time + windowMillis;
      for (int i = firstAtOrAfter(time); i < size && time(i) <= last; i++) {
        if (i != added && !fresh[i]) {
          offer(pairs, added, i, minKm, minKmh);
        }
      }
    }
    return pairs;
  }

  private void offer(List<TravelPair> pairs, int before, int login, double minKm, double minKmh) {
    double km = Geo.distanceKm(lats[before], lons[before], lats[login], lons[login]);
    if (km > minKm) {
      double kmh = Geo.speedKmh(km, time(before), time(login));
      if (kmh > minKmh) {
        pairs.add(new TravelPair(login(before), login(login), km, kmh));
      }
    }
  }

  private LocatedLogin login(int i) {
    return new LocatedLogin(seq(i), time(i), userName, host(i), ip(i), lats[i], lons[i]);
  }

  /** Adds a login after those of the same or an earlier time. */
  void add(long seq, long time, double lat, double lon, String host, String ip) {
    int at = insert(seq, time, host, ip);
    lats[at] = lat;
    lons[at] = lon;
    fresh[at] = true;
    freshCount++;
  }

  @Override
  void resizeColumns(int capacity) {
    lats = Arrays.copyOf(lats, capacity);
    lons = Arrays.copyOf(lons, capacity);
    fresh = Arrays.copyOf(fresh, capacity);
  }

  @Override
  void moveColumns(int from, int to, int length) {
    System.arraycopy(lats, from, lats, to, length);
    System.arraycopy(lons, from, lons, to, length);
    System.arraycopy(fresh, from, fresh, to, length);
  }

  @Override
  void clearColumns(int from, int to) {
    Arrays.fill(fresh, from, to, false);
  }

  @Override
  void changesFired() {
    if (freshCount > 0) {
      Arrays.fill(fresh, 0, getSize(), false);
      freshCount = 0;
    }
  }

  @Override
  public String toString() {
    return "LoginDay[" + userName + " " + getSize() + "]";
  }
}
