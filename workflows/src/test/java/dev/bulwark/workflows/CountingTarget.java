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
  private final Map<String, Integer> applied = new ConcurrentHashMap<>();
  private final Map<ActionType, Integer> failuresLeft = new EnumMap<>(ActionType.class);
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
      throw new ActionFailedException(request.type() + " failed: target unreachable", true, null);
    }
    performed.add(request);
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
  }

  /** The next call of this type is applied on the target, then the engine "dies" before commit. */
  void dieAfterApplying(ActionType type) {
    dieAfterApplying = type;
  }

  synchronized void clear() {
    performed.clear();
    applied.clear();
    failuresLeft.clear();
    dieAfterApplying = null;
  }

  /** The engine process going away mid-job: nothing after this point commits. */
  static final class NodeDied extends Error {
    NodeDied() {
      super("the node died after the target acted, before the job committed");
    }
  }
}
