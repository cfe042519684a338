package dev.bulwark.app.pipeline;

import dev.bulwark.core.pipeline.PipelineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The pipeline's numbers in {@code /actuator/prometheus}: {@code bulwark_alerts_evaluated_total}
 * and {@code bulwark_alert_to_incident_seconds} (with p50, p99 and a histogram).
 */
final class MicrometerPipelineMetrics implements PipelineMetrics {

  private final Counter evaluated;
  private final Timer alertToIncident;

  MicrometerPipelineMetrics(MeterRegistry registry) {
    this.evaluated =
        Counter.builder("bulwark.alerts.evaluated")
            .description("Journaled alerts that went through the rules")
            .register(registry);
    this.alertToIncident =
        Timer.builder("bulwark.alert.to.incident")
            .description("From an alert's journal commit to the commit of its incident")
            .publishPercentiles(0.5, 0.99)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
  }

  @Override
  public void alertsEvaluated(int count) {
    evaluated.increment(count);
  }

  @Override
  public void alertToIncident(Duration latency) {
    alertToIncident.record(latency);
  }
}
