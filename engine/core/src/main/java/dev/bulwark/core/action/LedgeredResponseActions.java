package dev.bulwark.core.action;

import java.util.Optional;

/**
 * {@link ResponseActions} that consults the ledger before acting: a key already done is reported,
 * not repeated. The ledger claim is committed before the provider is called (see ADR 0401), so a
 * node that dies while acting leaves a PENDING entry behind; the retry then asks the target whether
 * the action happened ({@link ActionProvider#lookup}) before acting again.
 */
public final class LedgeredResponseActions implements ResponseActions {

  private final ActionLedger ledger;
  private final ActionProvider provider;

  public LedgeredResponseActions(ActionLedger ledger, ActionProvider provider) {
    this.ledger = ledger;
    this.provider = provider;
  }

  @Override
  public ActionResult perform(ActionRequest request) {
    String providerName = provider.name(request.type());
    Optional<LedgerEntry> earlier = ledger.claim(request, providerName);
    if (earlier.isPresent()
        && earlier.get().status() != ActionStatus.PENDING
        && earlier.get().status() != ActionStatus.FAILED) {
      LedgerEntry entry = earlier.get();
      return new ActionResult(entry.status(), entry.provider(), entry.detail(), true);
    }
    if (earlier.isPresent() && earlier.get().status() == ActionStatus.PENDING) {
      Optional<ActionResult> happened = provider.lookup(request);
      if (happened.isPresent()) {
        ledger.complete(request.idempotencyKey(), happened.get().status(), happened.get().detail());
        return new ActionResult(
            happened.get().status(), happened.get().provider(), happened.get().detail(), true);
      }
    }
    ActionResult result;
    try {
      result = provider.perform(request);
    } catch (ActionFailedException e) {
      ledger.complete(request.idempotencyKey(), ActionStatus.FAILED, e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      // A provider bug is still a failed action: record it, and let the playbook retry.
      ledger.complete(request.idempotencyKey(), ActionStatus.FAILED, e.toString());
      throw new ActionFailedException(
          request.type() + " on " + request.target() + " failed: " + e, true, e);
    }
    ledger.complete(request.idempotencyKey(), result.status(), result.detail());
    return result;
  }
}
