package dev.bulwark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistogramTest {

  private static final String BEFORE =
      """
      # HELP bulwark_alert_to_incident_seconds From an alert's journal commit
      # TYPE bulwark_alert_to_incident_seconds histogram
      bulwark_alert_to_incident_seconds_bucket{le="0.01"} 10
      bulwark_alert_to_incident_seconds_bucket{le="0.02"} 10
      bulwark_alert_to_incident_seconds_bucket{le="0.05"} 10
      bulwark_alert_to_incident_seconds_bucket{le="+Inf"} 10
      bulwark_alert_to_incident_seconds_count 10
      bulwark_alert_to_incident_seconds_sum 0.05
      bulwark_alert_to_incident_seconds_max 0.009
      """;

  private static final String AFTER =
      """
      bulwark_alert_to_incident_seconds_bucket{le="0.01"} 10
      bulwark_alert_to_incident_seconds_bucket{le="0.02"} 60
      bulwark_alert_to_incident_seconds_bucket{le="0.05"} 109
      bulwark_alert_to_incident_seconds_bucket{le="+Inf"} 110
      bulwark_alert_to_incident_seconds_count 110
      bulwark_alert_to_incident_seconds_sum 3.05
      bulwark_alert_to_incident_seconds_max 0.2
      bulwark_alert_to_incident_seconds{quantile="0.99"} 0.048
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 100.0
      jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 50.0
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 7.0
      """;

  @Test
  void differenceOfTwoScrapesHoldsOnlyWhatWasRecordedBetween() {
    Histogram delta =
        Histogram.parse(AFTER, IntakeLoadDriver.HISTOGRAM)
            .minus(Histogram.parse(BEFORE, IntakeLoadDriver.HISTOGRAM));
    assertEquals(100, delta.count);
    assertEquals(3.0, delta.sum, 1e-9);
    // 50 in (0.01, 0.02], 49 in (0.02, 0.05], 1 above 0.05.
    assertEquals(0.02, delta.quantile(0.5), 1e-9);
    assertEquals(0.035, delta.quantile(0.745), 1e-9);
    assertTrue(Double.isInfinite(delta.quantile(1.0)));
    assertTrue(Double.isInfinite(delta.maxBound()));
    assertEquals(0.05, delta.largestFiniteBound(), 1e-9);
    assertEquals(0.048, delta.quantiles.get(0.99), 1e-9);
  }

  @Test
  void sumsSamplesByLabel() {
    assertEquals(150, Histogram.sumOf(AFTER, "jvm_memory_used_bytes", "area", "heap"), 1e-9);
    assertEquals(157, Histogram.sumOf(AFTER, "jvm_memory_used_bytes"), 1e-9);
  }
}
