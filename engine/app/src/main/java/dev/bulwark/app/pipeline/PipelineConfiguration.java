package dev.bulwark.app.pipeline;

import dev.bulwark.app.config.BulwarkProperties;
import dev.bulwark.core.incident.IncidentStore;
import dev.bulwark.core.journal.AlertJournal;
import dev.bulwark.core.pipeline.IncidentService;
import dev.bulwark.core.pipeline.JournalProcessor;
import dev.bulwark.core.pipeline.PipelineMetrics;
import dev.bulwark.core.pipeline.PlaybookDispatcher;
import dev.bulwark.core.pipeline.Transactions;
import dev.bulwark.core.playbook.PlaybookLauncher;
import dev.bulwark.core.risk.RiskPolicy;
import dev.bulwark.core.risk.RiskService;
import dev.bulwark.core.risk.RiskStore;
import dev.bulwark.core.rules.RuleEvaluator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the core pipeline (framework-free) to the application's stores and transactions. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Transactions transactions(TransactionTemplate template) {
    return new Transactions() {
      @Override
      public <T> T inTransaction(Supplier<T> work) {
        return template.execute(status -> work.get());
      }
    };
  }

  @Bean
  IncidentService incidentService(IncidentStore store, Clock clock) {
    return new IncidentService(store, clock);
  }

  @Bean
  RiskService riskService(
      RiskStore risks, IncidentStore incidents, RiskPolicy policy, Clock clock) {
    return new RiskService(risks, incidents, policy, clock);
  }

  @Bean
  JournalProcessor journalProcessor(
      AlertJournal journal,
      Supplier<RuleEvaluator> evaluators,
      IncidentService incidents,
      RiskService risk,
      Transactions transactions,
      BulwarkProperties properties,
      PipelineMetrics metrics,
      Clock clock) {
    return new JournalProcessor(
        journal,
        evaluators,
        incidents,
        risk,
        transactions,
        properties.getProcessor().getBatchSize(),
        metrics,
        clock);
  }

  @Bean
  PipelineMetrics pipelineMetrics(MeterRegistry registry) {
    return new MicrometerPipelineMetrics(registry);
  }

  @Bean
  PlaybookDispatcher playbookDispatcher(
      IncidentStore store, PlaybookLauncher launcher, Transactions transactions, Clock clock) {
    return new PlaybookDispatcher(store, launcher, transactions, clock);
  }
}
