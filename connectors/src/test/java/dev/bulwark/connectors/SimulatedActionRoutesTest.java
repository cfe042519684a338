package dev.bulwark.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.connectors.simulate.InMemorySimulatedTarget;
import dev.bulwark.connectors.simulate.SimulatedActionRoutes;
import dev.bulwark.core.action.ActionFailedException;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import java.util.EnumSet;
import java.util.List;
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
  private SimulatedActionRoutes simulated;

  @BeforeEach
  void startCamel() throws Exception {
    camel = new DefaultCamelContext();
    simulated =
        new SimulatedActionRoutes(
            EnumSet.complementOf(EnumSet.of(ActionType.OPEN_TICKET)),
            new InMemorySimulatedTarget());
    camel.addRoutes(simulated);
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
            camel.createProducerTemplate(),
            Map.of(ActionType.OPEN_TICKET, "jira"),
            List.of(),
            simulated::lookup);
  }

  @AfterEach
  void stopCamel() {
    camel.stop();
  }

  @Test
  void aLookupOfAnActionNeverSimulatedFindsNothingSoTheStepIsSimulated() {
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
  void theSimulatedTargetTellsWhichRequestsItCarriedOutByIdempotencyKey() {
    ActionRequest disabled =
        new ActionRequest("inc-2", ActionType.DISABLE_ACCOUNT, "jdoe", Map.of());
    ActionRequest notYet = new ActionRequest("inc-2", ActionType.ISOLATE_HOST, "ws-1", Map.of());
    ActionRequest otherIncident =
        new ActionRequest("inc-3", ActionType.DISABLE_ACCOUNT, "jdoe", Map.of());
    assertThat(provider.lookup(disabled)).isEmpty();

    provider.perform(disabled);

    assertThat(provider.lookup(disabled))
        .hasValueSatisfying(
            found -> {
              assertThat(found.status()).isEqualTo(ActionStatus.SIMULATED);
              assertThat(found.provider()).isEqualTo("simulate");
              assertThat(found.detail()).isEqualTo("simulated: would disable account jdoe");
              assertThat(found.repeated()).isTrue();
            });
    assertThat(provider.lookup(notYet)).isEmpty();
    assertThat(provider.lookup(otherIncident)).isEmpty();
    // A provider without a lookup cannot tell; the ledger then performs the action again.
    assertThat(provider.lookup(new ActionRequest("inc-2", ActionType.OPEN_TICKET, "SOC", Map.of())))
        .isEmpty();
  }

  @Test
  void theLedgerNamesTheConfiguredProviderPerAction() {
    assertThat(provider.name(ActionType.OPEN_TICKET)).isEqualTo("jira");
    assertThat(provider.name(ActionType.ISOLATE_HOST)).isEqualTo("simulate");
  }
}
