package dev.bulwark.core.pipeline;

import java.time.Duration;

/** What the pipeline measures about itself, for the operators' dashboards. */
public interface PipelineMetrics {

  /** A batch of journaled alerts went through the rules. */
  void alertsEvaluated(int count);

  /** From the commit of an alert to the commit of the incident it opened or grew. */
  void alertToIncident(Duration latency);

  /** Measures nothing. */
  PipelineMetrics NONE =
      new PipelineMetrics() {
        @Override
        public void alertsEvaluated(int count) {}

        @Override
        public void alertToIncident(Duration latency) {}
      };
}
