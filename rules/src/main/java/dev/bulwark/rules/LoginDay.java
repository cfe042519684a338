package dev.bulwark.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The successful, located logins of one user from ordinary networks over the last day, as one fact:
 * a few numbers per login in arrays sorted by event time, instead of one {@link Trace} per login
 * (each fact costs Drools ~2 KB; a day of a workforce's logins was most of what a session still
 * held after {@link LatencyDay}). "Impossible travel" needs only the pairs of them too far apart
 * for the time between. The evaluator records each login here and updates the fact (ADR 0303); the
 * rule reads {@link #pairsReaching} with its own window, distance and speed.
 *
 * <p>The pairs offered are those with a login added since the rule last fired, the pairs a join of
 * two per-login facts would newly match, so the rule fires where that one did, once per pair. A
 * login leaving the day offers nothing, as a fact leaving a join fires nothing.
 */
public final class LoginDay extends UserDay {

  private final String userName;
  private long[] times = new long[8];
  private long[] seqs = new long[8];
  private double[] lats = new double[8];
  private double[] lons = new double[8];
  private String[] hosts = new String[8];
  private String[] ips = new String[8];
  // Added since the rule last fired.
  private boolean[] fresh = new boolean[8];
  private int size;
  private int freshCount;

  LoginDay(String userName) {
    this.userName = userName;
  }

  @Override
  public String getUserName() {
    return userName;
  }

  /** How many logins the day holds. */
  @Override
  public int getSize() {
    return size;
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
    List<TravelPair> pairs = new ArrayList<>();
    for (int added = 0; added < size; added++) {
      if (!fresh[added]) {
        continue;
      }
      long time = times[added];
      // As the later login, with every other login of the window before it.
      for (int i = firstAtOrAfter(time - windowMillis); i < size && times[i] <= time; i++) {
        if (i != added) {
          offer(pairs, i, added, minKm, minKmh);
        }
      }
      // As the earlier, with the logins of the window after it that are not new: a new one pairs
      // with this one as its own earlier login above.
      long last = time > Long.MAX_VALUE - windowMillis ? Long.MAX_VALUE : time + windowMillis;
      for (int i = firstAtOrAfter(time); i < size && times[i] <= last; i++) {
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
      double kmh = Geo.speedKmh(km, times[before], times[login]);
      if (kmh > minKmh) {
        pairs.add(new TravelPair(login(before), login(login), km, kmh));
      }
    }
  }

  private LocatedLogin login(int i) {
    return new LocatedLogin(seqs[i], times[i], userName, hosts[i], ips[i], lats[i], lons[i]);
  }

  /** Adds a login after those of the same or an earlier time. */
  void add(long seq, long time, double lat, double lon, String host, String ip) {
    if (size == times.length) {
      resize(size * 2);
    }
    int at = firstAfter(time);
    int tail = size - at;
    System.arraycopy(times, at, times, at + 1, tail);
    System.arraycopy(seqs, at, seqs, at + 1, tail);
    System.arraycopy(lats, at, lats, at + 1, tail);
    System.arraycopy(lons, at, lons, at + 1, tail);
    System.arraycopy(hosts, at, hosts, at + 1, tail);
    System.arraycopy(ips, at, ips, at + 1, tail);
    System.arraycopy(fresh, at, fresh, at + 1, tail);
    times[at] = time;
    seqs[at] = seq;
    lats[at] = lat;
    lons[at] = lon;
    hosts[at] = host;
    ips[at] = ip;
    fresh[at] = true;
    freshCount++;
    size++;
  }

  @Override
  boolean removeBefore(long oldestKept) {
    int drop = firstAtOrAfter(oldestKept);
    if (drop == 0) {
      return false;
    }
    for (int i = 0; i < drop; i++) {
      if (fresh[i]) {
        freshCount--;
      }
    }
    int keep = size - drop;
    System.arraycopy(times, drop, times, 0, keep);
    System.arraycopy(seqs, drop, seqs, 0, keep);
    System.arraycopy(lats, drop, lats, 0, keep);
    System.arraycopy(lons, drop, lons, 0, keep);
    System.arraycopy(hosts, drop, hosts, 0, keep);
    System.arraycopy(ips, drop, ips, 0, keep);
    System.arraycopy(fresh, drop, fresh, 0, keep);
    Arrays.fill(hosts, keep, size, null);
    Arrays.fill(ips, keep, size, null);
    Arrays.fill(fresh, keep, size, false);
    size = keep;
    if (times.length > 64 && size < times.length / 4) {
      resize(Math.max(8, times.length / 2));
    }
    return true;
  }

  private void resize(int capacity) {
    times = Arrays.copyOf(times, capacity);
    seqs = Arrays.copyOf(seqs, capacity);
    lats = Arrays.copyOf(lats, capacity);
    lons = Arrays.copyOf(lons, capacity);
    hosts = Arrays.copyOf(hosts, capacity);
    ips = Arrays.copyOf(ips, capacity);
    fresh = Arrays.copyOf(fresh, capacity);
  }

  @Override
  long oldest() {
    return times[0];
  }

  @Override
  void fired() {
    if (freshCount > 0) {
      Arrays.fill(fresh, 0, size, false);
      freshCount = 0;
    }
  }

  private int firstAtOrAfter(long time) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (times[mid] < time) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private int firstAfter(long time) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (times[mid] <= time) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  @Override
  public String toString() {
    return "LoginDay[" + userName + " " + size + "]";
  }
}
