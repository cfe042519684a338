package dev.bulwark.app.rules;

import dev.bulwark.app.pipeline.JournalProcessors;
import dev.bulwark.core.audit.AuditLog;
import dev.bulwark.core.risk.RiskPolicy;
import dev.bulwark.core.rules.RuleEvaluator;
import dev.bulwark.rules.DroolsRuleEvaluator;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.reference.ReferenceData;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Compiles the bundled rule pack and the rules directory at start-up (a bad rule stops the start
 * with its file and line); later changes are swapped in by {@link LiveRules} without a restart.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RulesProperties.class)
class RulesConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(RulesConfiguration.class);

  @Bean
  ReferenceData referenceData() {
    return ReferenceData.withDefaults();
  }

  @Bean
  LiveRules liveRules(
      RulesProperties properties,
      ReferenceData reference,
      ObjectProvider<JournalProcessors> processor,
      AuditLog audit) {
    LiveRules rules = new LiveRules(properties, reference, processor);
    LOG.info("BULWARK-0104 compiled {}", rules.current());
    audit.record(
        "ruleset.loaded", rules.current().version(), Map.of("rules", rules.current().toString()));
    return rules;
  }

  /** The rule set in force at start-up; {@link LiveRules#current()} is the one in force now. */
  @Bean
  RuleSet ruleSet(LiveRules rules) {
    return rules.current();
  }

  @Bean
  Supplier<RuleEvaluator> ruleEvaluators(LiveRules rules) {
    return () -> new DroolsRuleEvaluator(rules.current(), rules.reference());
  }

  @Bean
  RiskPolicy riskPolicy(RulesProperties properties) {
    RulesProperties.Risk risk = properties.getRisk();
    return new RiskPolicy(
        risk.getWindow(),
        risk.getThreshold(),
        risk.getSuppression(),
        risk.getHostThreshold(),
        risk.getHostPlaybook());
  }
}
