package dev.bulwark.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.connectors.simulate.SimulatedActionRoutes;
import dev.bulwark.core.action.ActionFailedException;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import java.util.EnumSet;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedActionRoutesTest {

  private CamelContext camel;
  private CamelActionProvider provider;

  @BeforeEach
  void startCamel() throws Exception {
    camel = new DefaultCamelContext();
    camel.addRoutes(
        new SimulatedActionRoutes(EnumSet.complementOf(EnumSet.of(ActionType.OPEN_TICKET))));
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from(ActionEndpoints.of(ActionType.OPEN_TICKET))
                .throwException(new IllegalStateException("ticketing answered 500"));
          }
        });
    camel.start();
    provider =
        new CamelActionProvider(
            camel.createProducerTemplate(), Map.of(ActionType.OPEN_TICKET, "jira"));
  }

  @AfterEach
  void stopCamel() {
    camel.stop();
  }

  @Test
  void aLookupOfASimulatedActionFindsNothingSoTheStepIsSimulatedAgain() {
    assertThat(
            provider.lookup(
                new ActionRequest("inc-1", ActionType.ISOLATE_HOST, "jdoe-laptop", Map.of())))
        .isEmpty();
  }

  @Test
  void simulateModeAnswersWhatItWouldHaveDoneAndCallsNothing() {
    ActionResult result =
        provider.perform(new ActionRequest("inc-1", ActionType.DISABLE_ACCOUNT, "jdoe", Map.of()));

    assertThat(result.status()).isEqualTo(ActionStatus.SIMULATED);
    assertThat(result.provider()).isEqualTo("simulate");
    assertThat(result.detail()).isEqualTo("simulated: would disable account jdoe");
  }

  @Test
  void everyActionHasARouteInSimulateMode() {
    for (ActionType type : EnumSet.complementOf(EnumSet.of(ActionType.OPEN_TICKET))) {
      assertThat(provider.perform(new ActionRequest("inc-1", type, "t", Map.of())).status())
          .as(type.name())
          .isEqualTo(ActionStatus.SIMULATED);
    }
  }

  @Test
  void aFailingProviderSurfacesAsATypedRetryableError() {
    assertThatThrownBy(
            () ->
                provider.perform(
                    new ActionRequest("inc-1", ActionType.OPEN_TICKET, "SOC", Map.of())))
        .isInstanceOf(ActionFailedException.class)
        .hasMessageContaining("OPEN_TICKET on SOC failed: ticketing answered 500")
        .satisfies(e -> assertThat(((ActionFailedException) e).retryable()).isTrue());
  }

  @Test
  void theLedgerNamesTheConfiguredProviderPerAction() {
    assertThat(provider.name(ActionType.OPEN_TICKET)).isEqualTo("jira");
    assertThat(provider.name(ActionType.ISOLATE_HOST)).isEqualTo("simulate");
  }
}
