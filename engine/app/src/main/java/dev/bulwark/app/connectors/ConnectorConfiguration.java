package dev.bulwark.app.connectors;

import dev.bulwark.app.config.BulwarkProperties;
import dev.bulwark.connectors.CamelActionProvider;
import dev.bulwark.connectors.simulate.SimulatedActionRoutes;
import dev.bulwark.connectors.simulate.SimulatedTarget;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.LedgeredResponseActions;
import dev.bulwark.core.action.ResponseActions;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Chooses a provider per action from {@code bulwark.connectors.providers}; every action without one
 * is served by the simulator, so the embedded default never touches a real system.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectorProperties.class)
class ConnectorConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ConnectorConfiguration.class);

  @Bean
  SimulatedTarget simulatedTarget(
      JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
    return new JdbcSimulatedTarget(jdbc, clock, transactions);
  }

  @Bean
  SimulatedActionRoutes simulatedActionRoutes(
      BulwarkProperties properties, SimulatedTarget simulatedTarget) {
    Set<ActionType> simulated = EnumSet.noneOf(ActionType.class);
    for (ActionType type : ActionType.values()) {
      String provider = properties.getConnectors().getProviders().get(type);
      if (provider == null || CamelActionProvider.SimulatedProviderName.NAME.equals(provider)) {
        simulated.add(type);
      }
    }
    return new SimulatedActionRoutes(simulated, simulatedTarget);
  }

  @Bean
  ProviderRouteGroups providerRouteGroups(
      BulwarkProperties properties, ConnectorProperties connectors, CamelContext camel)
      throws Exception {
    ProviderRouteGroups groups =
        ProviderRouteGroups.build(properties.getConnectors().getProviders(), connectors);
    for (ProviderRoutes group : groups.groups()) {
      camel.addRoutes(group);
      log.info(
          "BULWARK-5002 connector {} serves {}{}",
          group.provider(),
          group.actions(),
          group.dryRun() ? " (dry-run)" : "");
    }
    return groups;
  }

  @Bean
  HealthIndicator connectorsHealthIndicator(ProviderRouteGroups groups) {
    return new ConnectorsHealthIndicator(groups);
  }

  /**
   * Takes the route groups so that their routes exist before any action is sent, and so that a
   * PENDING ledger entry can ask its provider's lookup (simulate answers from what it recorded).
   */
  @Bean
  CamelActionProvider camelActionProvider(
      ProducerTemplate producer,
      BulwarkProperties properties,
      ProviderRouteGroups groups,
      SimulatedActionRoutes simulated) {
    return new CamelActionProvider(
        producer, properties.getConnectors().getProviders(), groups.groups(), simulated::lookup);
  }

  @Bean
  ResponseActions responseActions(ActionLedger ledger, CamelActionProvider provider) {
    return new LedgeredResponseActions(ledger, provider);
  }
}
