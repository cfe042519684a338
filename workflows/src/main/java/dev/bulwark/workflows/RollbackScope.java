package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.LedgerEntry;
import java.util.List;
import java.util.Map;

/**
 * What a rollback of an incident's containment covers, read from the ledger: the containment
 * actions that changed a target (undone) and those that found the target already as asked ({@link
 * ActionStatus#UNCHANGED}: left as they were, since Bulwark did not put them that way).
 */
public final class RollbackScope {

  private RollbackScope() {}

  /** Containment actions that changed their target, in ledger order. */
  public static List<LedgerEntry> changed(List<LedgerEntry> ledger, String incidentId) {
    return containment(ledger, incidentId).stream()
        .filter(e -> e.status() == ActionStatus.DONE || e.status() == ActionStatus.SIMULATED)
        .toList();
  }

  /** Containment actions whose target already was as asked before Bulwark acted. */
  public static List<LedgerEntry> leftAsTheyWere(List<LedgerEntry> ledger, String incidentId) {
    return containment(ledger, incidentId).stream()
        .filter(e -> e.status() == ActionStatus.UNCHANGED)
        .toList();
  }

  /** E.g. "jdoe was already disabled before the incident; left disabled". */
  public static String leftAsItWas(LedgerEntry entry) {
    String state = state(entry.type());
    return entry.target() + " was already " + state + " before the incident; left " + state;
  }

  private static String state(ActionType type) {
    return switch (type) {
      case DISABLE_ACCOUNT -> "disabled";
      case ISOLATE_HOST -> "isolated";
      case REVOKE_SESSIONS -> "without sessions";
      case REMOVE_MFA -> "without MFA methods";
      default -> "as " + type + " leaves it";
    };
  }

  /** The containment entries (not rollbacks, escalations or other occasions) of the incident. */
  private static List<LedgerEntry> containment(List<LedgerEntry> ledger, String incidentId) {
    return ledger.stream()
        .filter(e -> e.incidentId().equals(incidentId))
        .filter(
            e ->
                e.idempotencyKey()
                    .equals(
                        new ActionRequest(incidentId, e.type(), e.target(), Map.of())
                            .idempotencyKey()))
        .toList();
  }
}
