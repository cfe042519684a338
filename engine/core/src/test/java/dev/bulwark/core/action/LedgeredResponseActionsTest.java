package dev.bulwark.core.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LedgeredResponseActionsTest {

  private static final ActionRequest DISABLE_JDOE =
      new ActionRequest(
          "inc-1", ActionType.DISABLE_ACCOUNT, "jdoe", Map.of("reason", "brute force"));

  private final InMemoryActionLedger ledger = new InMemoryActionLedger();
  private final CountingProvider provider = new CountingProvider();
  private final LedgeredResponseActions actions = new LedgeredResponseActions(ledger, provider);

  @ParameterizedTest
  @EnumSource(
      value = ActionStatus.class,
      names = {"DONE", "SIMULATED"})
  void performsAFirstRequestAndRecordsItsOutcome(ActionStatus outcome) {
    provider.outcome = outcome;

    ActionResult result = actions.perform(DISABLE_JDOE);

    assertThat(result).isEqualTo(new ActionResult(outcome, "simulate", "disabled jdoe", false));
    assertThat(provider.performed).containsExactly(DISABLE_JDOE);
    LedgerEntry entry = ledger.entry("inc-1:DISABLE_ACCOUNT:jdoe");
    assertThat(entry.status()).isEqualTo(outcome);
    assertThat(entry.detail()).isEqualTo("disabled jdoe");
    assertThat(entry.provider()).isEqualTo("simulate");
    assertThat(ledger.forIncident("inc-1")).containsExactly(entry);
  }

  @Test
  void reportsARepeatedRequestWithoutCallingTheProviderAgain() {
    actions.perform(DISABLE_JDOE);

    ActionResult again =
        actions.perform(
            new ActionRequest(
                "inc-1", ActionType.DISABLE_ACCOUNT, "jdoe", Map.of("reason", "retry")));

    assertThat(again)
        .isEqualTo(new ActionResult(ActionStatus.SIMULATED, "simulate", "disabled jdoe", true));
    assertThat(provider.performed).hasSize(1);
  }

  @Test
  void doesNotRepeatASkippedAction() {
    ledger.seed(DISABLE_JDOE, "simulate", ActionStatus.SKIPPED);

    assertThat(actions.perform(DISABLE_JDOE).repeated()).isTrue();
    assertThat(provider.performed).isEmpty();
  }

  @Test
  void actsAgainForAnotherTargetTypeOrIncident() {
    actions.perform(DISABLE_JDOE);
    actions.perform(new ActionRequest("inc-1", ActionType.DISABLE_ACCOUNT, "asmith", Map.of()));
    actions.perform(new ActionRequest("inc-1", ActionType.REVOKE_SESSIONS, "jdoe", Map.of()));
    actions.perform(new ActionRequest("inc-2", ActionType.DISABLE_ACCOUNT, "jdoe", Map.of()));

    assertThat(provider.performed).hasSize(4);
  }

  @Test
  void performsAgainAnActionLeftPendingByACrash() {
    ledger.seed(DISABLE_JDOE, "simulate", ActionStatus.PENDING);

    ActionResult result = actions.perform(DISABLE_JDOE);

    assertThat(result.repeated()).isFalse();
    assertThat(provider.performed).containsExactly(DISABLE_JDOE);
    assertThat(ledger.entry(DISABLE_JDOE.idempotencyKey()).status())
        .isEqualTo(ActionStatus.SIMULATED);
  }

  @Test
  void retriesAFailedAction() {
    ledger.seed(DISABLE_JDOE, "simulate", ActionStatus.FAILED);

    ActionResult result = actions.perform(DISABLE_JDOE);

    assertThat(result.status()).isEqualTo(ActionStatus.SIMULATED);
    assertThat(provider.performed).containsExactly(DISABLE_JDOE);
    assertThat(ledger.entry(DISABLE_JDOE.idempotencyKey()).status())
        .isEqualTo(ActionStatus.SIMULATED);
  }

  @Test
  void recordsAProviderFailureAndRethrowsIt() {
    ActionFailedException failure = new ActionFailedException("idp answered 503", true, null);
    provider.failure = failure;

    Throwable thrown = catchThrowable(() -> actions.perform(DISABLE_JDOE));

    assertThat(thrown).isSameAs(failure);
    LedgerEntry entry = ledger.entry(DISABLE_JDOE.idempotencyKey());
    assertThat(entry.status()).isEqualTo(ActionStatus.FAILED);
    assertThat(entry.detail()).isEqualTo("idp answered 503");
  }

  @Test
  void succeedsOnRetryAfterAProviderFailure() {
    provider.failure = new ActionFailedException("idp answered 503", true, null);
    catchThrowable(() -> actions.perform(DISABLE_JDOE));
    provider.failure = null;

    ActionResult result = actions.perform(DISABLE_JDOE);

    assertThat(result.repeated()).isFalse();
    assertThat(provider.performed).hasSize(2);
    assertThat(ledger.entry(DISABLE_JDOE.idempotencyKey()).status())
        .isEqualTo(ActionStatus.SIMULATED);
  }

  /** Counts its calls; answers with {@link #outcome} or throws {@link #failure}. */
  private static final class CountingProvider implements ActionProvider {

    final List<ActionRequest> performed = new ArrayList<>();
    ActionStatus outcome = ActionStatus.SIMULATED;
    ActionFailedException failure;

    @Override
    public String name(ActionType type) {
      return "simulate";
    }

    @Override
    public ActionResult perform(ActionRequest request) {
      performed.add(request);
      if (failure != null) {
        throw failure;
      }
      return new ActionResult(outcome, "simulate", "disabled " + request.target(), false);
    }
  }
}
