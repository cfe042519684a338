package dev.bulwark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Prometheus histogram (e.g. {@code bulwark_alert_to_incident_seconds}): its
 * cumulative buckets, count, sum, the {@code _max} gauge and any {@code quantile} series. Two
 * scrapes give the distribution of exactly what was recorded between them ({@link #minus}).
 */
final class Histogram {

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})?\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** Upper bound (seconds; +Inf last) to cumulative count. */
  final TreeMap<Double, Double> buckets;

  final double count;
  final double sum;
  final double max;

  /** Quantile to value, as published by the engine (if it publishes any). */
  final Map<Double, Double> quantiles;

  private Histogram(
      TreeMap<Double, Double> buckets,
      double count,
      double sum,
      double max,
      Map<Double, Double> quantiles) {
    this.buckets = buckets;
    this.count = count;
    this.sum = sum;
    this.max = max;
    this.quantiles = quantiles;
  }

  static Histogram parse(String exposition, String name) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    Map<Double, Double> quantiles = new TreeMap<>();
    double count = 0;
    double sum = 0;
    double max = Double.NaN;
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.find()) {
        continue;
      }
      String metric = m.group(1);
      Map<String, String> labels = labels(m.group(3));
      double value = number(m.group(4));
      if (metric.equals(name + "_bucket") && labels.containsKey("le")) {
        buckets.merge(number(labels.get("le")), value, Double::sum);
      } else if (metric.equals(name + "_count")) {
        count += value;
      } else if (metric.equals(name + "_sum")) {
        sum += value;
      } else if (metric.equals(name + "_max")) {
        max = Double.isNaN(max) ? value : Math.max(max, value);
      } else if (metric.equals(name) && labels.containsKey("quantile")) {
        quantiles.put(number(labels.get("quantile")), value);
      }
    }
    return new Histogram(buckets, count, sum, max, quantiles);
  }

  /** What was recorded after {@code earlier}; quantiles and max are this scrape's. */
  Histogram minus(Histogram earlier) {
    TreeMap<Double, Double> delta = new TreeMap<>();
    buckets.forEach(
        (le, cumulative) -> delta.put(le, cumulative - earlier.buckets.getOrDefault(le, 0.0)));
    return new Histogram(delta, count - earlier.count, sum - earlier.sum, max, quantiles);
  }

  /**
   * The {@code q} quantile, interpolated linearly inside its bucket as Prometheus'
   * histogram_quantile does; {@code +Inf} when it falls in the overflow bucket.
   */
  double quantile(double q) {
    double total = buckets.isEmpty() ? count : buckets.lastEntry().getValue();
    if (total <= 0) {
      return Double.NaN;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      double upper = bucket.getKey();
      double cumulative = bucket.getValue();
      if (cumulative >= rank) {
        if (Double.isInfinite(upper)) {
          return Double.POSITIVE_INFINITY;
        }
        double inBucket = cumulative - lowerCount;
        return inBucket <= 0
            ? upper
            : lowerBound + (upper - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = upper;
      lowerCount = cumulative;
    }
    return Double.POSITIVE_INFINITY;
  }

  /** The upper bound of the highest bucket that holds anything: the maximum is at most this. */
  double maxBound() {
    double previous = 0;
    double bound = Double.NaN;
    for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      if (bucket.getValue() > previous) {
        bound = bucket.getKey();
      }
      previous = bucket.getValue();
    }
    return bound;
  }

  /** The largest finite bucket bound (what "+Inf" means in practice). */
  double largestFiniteBound() {
    List<Double> bounds = new ArrayList<>(buckets.keySet());
    for (int i = bounds.size() - 1; i >= 0; i--) {
      if (!Double.isInfinite(bounds.get(i))) {
        return bounds.get(i);
      }
    }
    return Double.NaN;
  }

  double mean() {
    return count > 0 ? sum / count : Double.NaN;
  }

  /** The sum of every sample of {@code metric} (any labels) in the exposition; 0 when absent. */
  static double sumOf(String exposition, String metric) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(metric)) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (m.find() && m.group(1).equals(metric)) {
        total += number(m.group(4));
      }
    }
    return total;
  }

  /** The sum of the samples of {@code metric} whose labels include {@code key="value"}. */
  static double sumOf(String exposition, String metric, String key, String value) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(metric)) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (m.find() && m.group(1).equals(metric) && value.equals(labels(m.group(3)).get(key))) {
        total += number(m.group(4));
      }
    }
    return total;
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new TreeMap<>();
    if (text != null) {
      Matcher m = LABEL.matcher(text);
      while (m.find()) {
        labels.put(m.group(1), m.group(2));
      }
    }
    return labels;
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }
}
