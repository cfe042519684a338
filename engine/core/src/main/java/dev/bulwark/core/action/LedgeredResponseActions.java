package dev.bulwark.core.action;

import java.util.Optional;

/**
 * {@link ResponseActions} that consults the ledger before acting: a key already done is reported,
 * not repeated; a key left PENDING by a crash is performed again (providers are idempotent for the
 * same request) and then recorded.
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
