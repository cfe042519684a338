package dev.bulwark.app.connectors;

import dev.bulwark.app.config.BulwarkProperties;
import dev.bulwark.connectors.CamelActionProvider;
import dev.bulwark.connectors.simulate.SimulatedActionRoutes;
import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.LedgeredResponseActions;
import dev.bulwark.core.action.ResponseActions;
import java.util.EnumSet;
import java.util.Set;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses a provider per action from {@code bulwark.connectors.providers}; every action without one
 * is served by the simulator, so the embedded default never touches a real system.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

  @Bean
  SimulatedActionRoutes simulatedActionRoutes(BulwarkProperties properties) {
    Set<ActionType> simulated = EnumSet.noneOf(ActionType.class);
    for (ActionType type : ActionType.values()) {
      String provider = properties.getConnectors().getProviders().get(type);
      if (provider == null || CamelActionProvider.SimulatedProviderName.NAME.equals(provider)) {
        simulated.add(type);
      }
    }
    return new SimulatedActionRoutes(simulated);
  }

  @Bean
  CamelActionProvider camelActionProvider(ProducerTemplate producer, BulwarkProperties properties) {
    return new CamelActionProvider(producer, properties.getConnectors().getProviders());
  }

  @Bean
  ResponseActions responseActions(ActionLedger ledger, CamelActionProvider provider) {
    return new LedgeredResponseActions(ledger, provider);
  }
}
