package dev.bulwark.app.rules;

import dev.bulwark.core.rules.RuleEvaluator;
import dev.bulwark.rules.DroolsRuleEvaluator;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.RuleSetCompiler;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Compiles the bundled rule pack at start-up; a bad rule stops the start with its file and line.
 */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(RulesConfiguration.class);

  @Bean
  RuleSet ruleSet(dev.bulwark.core.audit.AuditLog audit) {
    RuleSet rules = new RuleSetCompiler().compileBundled();
    LOG.info("BULWARK-0104 compiled {}", rules);
    audit.record("ruleset.loaded", "bundled", java.util.Map.of("rules", rules.toString()));
    return rules;
  }

  @Bean
  Supplier<RuleEvaluator> ruleEvaluators(RuleSet rules) {
    return () -> new DroolsRuleEvaluator(rules);
  }
}
