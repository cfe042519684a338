package dev.bulwark.connectors.integration;

import dev.bulwark.connectors.CamelActionProvider;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/** Starts route groups in a plain Camel context, the way the engine does, and sends to them. */
final class RouteGroups implements AutoCloseable {

  private final CamelContext camel = new DefaultCamelContext();
  private final CamelActionProvider provider;

  RouteGroups(ProviderRoutes... groups) throws Exception {
    Map<ActionType, String> providers = new EnumMap<>(ActionType.class);
    for (ProviderRoutes group : groups) {
      camel.addRoutes(group);
      group.actions().forEach(type -> providers.put(type, group.provider()));
    }
    camel.start();
    provider =
        new CamelActionProvider(
            camel.createProducerTemplate(),
            providers,
            List.of(groups),
            request -> Optional.empty());
  }

  CamelActionProvider provider() {
    return provider;
  }

  @Override
  public void close() {
    try {
      camel.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
