package dev.bulwark.rules;

/** Distances and speeds between located facts, for rules such as impossible travel. */
public final class Geo {

  private static final double EARTH_RADIUS_KM = 6371.0;

  private Geo() {}

  /** Great-circle distance in kilometres (haversine). */
  public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2))
                * Math.sin(dLon / 2)
                * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, a)));
  }

  /** The distance in km between two traces; 0 when either has no location. */
  public static double distanceKm(Trace from, Trace to) {
    if (!from.isLocated() || !to.isLocated()) {
      return 0;
    }
    return distanceKm(from.getLat(), from.getLon(), to.getLat(), to.getLon());
  }

  /**
   * The speed in km/h needed to get from one trace to the other. Infinite when they are at the same
   * instant but apart; 0 when either has no location.
   */
  public static double speedKmh(Trace from, Trace to) {
    if (!from.isLocated() || !to.isLocated()) {
      return 0;
    }
    double km = distanceKm(from.getLat(), from.getLon(), to.getLat(), to.getLon());
    return speedKmh(km, from.getTimestamp(), to.getTimestamp());
  }

  /**
   * The speed in km/h needed to cover {@code km} between two event times (epoch ms). Infinite when
   * they are the same instant but apart.
   */
  public static double speedKmh(double km, long fromMillis, long toMillis) {
    double hours = Math.abs(toMillis - fromMillis) / 3_600_000.0;
    if (hours == 0) {
      return km < 1 ? 0 : Double.POSITIVE_INFINITY;
    }
    return km / hours;
  }
}
