package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionFailedException;
import dev.bulwark.core.action.ActionProvider;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the systems acted on (IdP, EDR, mail): counts what was done to it, in order, and
 * can fail or "die" on demand. Like a real target it remembers the idempotency key of each change
 * it applied, which is what lets a restarted engine ask whether a PENDING action happened.
 */
final class CountingTarget implements ActionProvider {

  final List<ActionRequest> performed = new CopyOnWriteArrayList<>();

  /** Calls that failed, in order (they changed nothing). */
  final List<ActionRequest> failed = new CopyOnWriteArrayList<>();

  private final Map<String, Integer> applied = new ConcurrentHashMap<>();
  private final Map<ActionType, Integer> failuresLeft = new EnumMap<>(ActionType.class);
  private final Map<ActionType, Boolean> failureRetryable = new EnumMap<>(ActionType.class);
  private final java.util.Set<String> alreadyAsAsked = ConcurrentHashMap.newKeySet();
  private volatile ActionType dieAfterApplying;

  @Override
  public String name(ActionType type) {
    return "target";
  }

  @Override
  public synchronized ActionResult perform(ActionRequest request) {
    Integer failures = failuresLeft.getOrDefault(request.type(), 0);
    if (failures > 0) {
      failuresLeft.put(request.type(), failures - 1);
      failed.add(request);
      boolean retryable = failureRetryable.getOrDefault(request.type(), true);
      throw new ActionFailedException(
          request.type() + (retryable ? " failed: target unreachable" : " refused: forbidden"),
          retryable,
          null);
    }
    performed.add(request);
    if (alreadyAsAsked.contains(request.type() + " " + request.target())) {
      return new ActionResult(
          ActionStatus.UNCHANGED,
          "target",
          request.target() + " already was as " + request.type() + " asks",
          false);
    }
    applied.merge(request.idempotencyKey(), 1, Integer::sum);
    if (request.type() == dieAfterApplying) {
      dieAfterApplying = null;
      throw new NodeDied();
    }
    return new ActionResult(ActionStatus.DONE, "target", "done: " + request.type(), false);
  }

  @Override
  public Optional<ActionResult> lookup(ActionRequest request) {
    return applied.containsKey(request.idempotencyKey())
        ? Optional.of(
            new ActionResult(ActionStatus.DONE, "target", "found done on the target", true))
        : Optional.empty();
  }

  /** How many times the target applied this key. */
  int timesApplied(String idempotencyKey) {
    return applied.getOrDefault(idempotencyKey, 0);
  }

  synchronized void failNext(ActionType type, int times) {
    failuresLeft.put(type, times);
    failureRetryable.put(type, true);
  }

  /** The next calls of this type fail in a way retrying cannot fix (like a 403). */
  synchronized void refuseNext(ActionType type, int times) {
    failuresLeft.put(type, times);
    failureRetryable.put(type, false);
  }

  /** The target already is as this action would put it (e.g. someone disabled the account). */
  void alreadyAsAsked(ActionType type, String target) {
    alreadyAsAsked.add(type + " " + target);
  }

  /** The next call of this type is applied on the target, then the engine "dies" before commit. */
  void dieAfterApplying(ActionType type) {
    dieAfterApplying = type;
  }

  synchronized void clear() {
    performed.clear();
    failed.clear();
    applied.clear();
    failuresLeft.clear();
    failureRetryable.clear();
    alreadyAsAsked.clear();
    dieAfterApplying = null;
  }

  /** The engine process going away mid-job: nothing after this point commits. */
  static final class NodeDied extends Error {
    NodeDied() {
      super("the node died after the target acted, before the job committed");
    }
  }
}
