package dev.bulwark.rules;

import java.util.ArrayList;
import java.util.List;
import org.drools.base.base.ClassObjectType;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.ObjectTypeNode;
import org.kie.api.KieBase;

/**
 * The fact types a KieBase's rules match, read from its object type nodes, and its expiry of
 * events. The evaluator inserts only facts some rule can match: a type no rule reads would be
 * inserted, propagated to nothing and deleted again for every alert (the traces of logins and
 * latency samples once their rules read day aggregates instead, the alerts in a session of only
 * global rules).
 */
final class FactTypes {

  private final List<ObjectTypeNode> nodes = new ArrayList<>();
  private final boolean known;

  FactTypes(KieBase kieBase) {
    this.known = kieBase instanceof InternalRuleBase;
    if (kieBase instanceof InternalRuleBase ruleBase) {
      nodes.addAll(ruleBase.getRete().getObjectTypeNodes());
    }
  }

  /** Whether a rule can match a fact of this class: a pattern on it, a supertype or interface. */
  boolean reads(Class<?> type) {
    if (!known) {
      return true;
    }
    for (ObjectTypeNode node : nodes) {
      if (node.getObjectType() instanceof ClassObjectType objectType
          && objectType.getClassType().isAssignableFrom(type)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Turns off Drools' own expiry of the events the evaluator deletes itself ({@link AlertEvent},
   * {@link Trace}). The evaluator already deletes each at the end of the windows that hold it,
   * never later than its type's {@code @Expires}; Drools would schedule a timer job per inserted
   * event as well (a few hundred bytes and a priority-queue entry each, cancelled again at the
   * deletion), a second copy of the same bookkeeping that cost a noticeable share of every
   * insertion. Sessions of such a KieBase must be run by a {@link DroolsRuleEvaluator}.
   */
  static void leaveExpiryToEvaluator(KieBase kieBase) {
    setExpiry(kieBase, AlertEvent.class, -1);
    setExpiry(kieBase, Trace.class, -1);
  }

  /** Sets Drools' expiry, in ms ({@code -1}: none), of the events of one class. */
  static void setExpiry(KieBase kieBase, Class<?> type, long millis) {
    for (ObjectTypeNode node : new FactTypes(kieBase).nodes) {
      if (node.getObjectType() instanceof ClassObjectType objectType
          && objectType.getClassType() == type) {
        node.setExpirationOffset(millis);
      }
    }
  }
}
