package dev.bulwark.app.pipeline;

import dev.bulwark.app.config.BulwarkProperties;
import dev.bulwark.app.journal.JdbcAlertJournal;
import dev.bulwark.app.rules.LiveRules;
import dev.bulwark.core.incident.IncidentStore;
import dev.bulwark.core.journal.JournalPartitions;
import dev.bulwark.core.pipeline.CorrelationLocks;
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
import dev.bulwark.rules.DroolsRuleEvaluator;
import dev.bulwark.rules.RulePartition;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
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

  /**
   * A processor per journal partition running the identity rules, and one over the whole journal
   * running the global rules (ADR 0802).
   */
  @Bean
  JournalProcessors journalProcessors(
      JdbcAlertJournal journal,
      LiveRules rules,
      IncidentService incidents,
      RiskService risk,
      Transactions transactions,
      BulwarkProperties properties,
      PipelineMetrics metrics,
      Clock clock,
      JdbcTemplate jdbc) {
    CorrelationLocks locks = new JdbcCorrelationLocks(jdbc);
    Transactions writes = new OneWriterAtATime(transactions);
    int batchSize = properties.getProcessor().getBatchSize();
    Supplier<RuleEvaluator> identityRules =
        () -> new DroolsRuleEvaluator(rules.current(), rules.reference(), RulePartition.IDENTITY);
    Supplier<RuleEvaluator> globalRules =
        () -> new DroolsRuleEvaluator(rules.current(), rules.reference(), RulePartition.GLOBAL);
    List<JournalProcessor> partitions = new ArrayList<>();
    for (int partition = 0; partition < JournalPartitions.COUNT; partition++) {
      partitions.add(
          new JournalProcessor(
              journal.partition(partition),
              identityRules,
              incidents,
              risk,
              writes,
              batchSize,
              metrics,
              clock,
              locks));
    }
    JournalProcessor global =
        new JournalProcessor(
            journal, globalRules, incidents, risk, writes, batchSize, metrics, clock, locks);
    return new JournalProcessors(global, partitions);
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
