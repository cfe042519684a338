package dev.bulwark.rules;

import java.util.HashMap;
import java.util.Map;
import org.drools.core.common.BaseNode;
import org.drools.core.common.InternalFactHandle;
import org.drools.core.reteoo.TupleImpl;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.FactHandle;

/**
 * How long a fact must stay in a session: the longest {@code @window} of the rules that can still
 * match it, found from where it went in the network. After its insertion has fired, a fact sits in
 * the nodes of exactly the rules whose patterns accepted it (its fields never change), so an event
 * no windowed rule accepted (a latency sample for the alert rules, a process start) can leave at
 * once, and the others leave when the longest window among the rules holding them (plus the allowed
 * lateness) has passed, not after a fixed expiry for every event of the type. Without this, memory
 * grows with the event rate times the longest expiry of any rule.
 */
final class Retention {

  /** The answer for a fact no rule with a window holds: delete it once its insertion fired. */
  static final long NONE = -1;

  private final Map<String, Long> windowByRule = new HashMap<>();
  private final Map<Integer, Long> windowByNode = new HashMap<>();

  Retention(RuleSet ruleSet) {
    for (KiePackage kiePackage : ruleSet.kieBase().getKiePackages()) {
      for (Rule rule : kiePackage.getRules()) {
        windowByRule.put(
            key(rule), RuleMetadata.of(rule.getName(), rule.getMetaData()).window().toMillis());
      }
    }
  }

  /**
   * The longest window, in ms, of the rules whose nodes hold the fact, or {@link #NONE} when no
   * rule with a window above zero does.
   */
  long windowMillis(FactHandle handle) {
    if (!(handle instanceof InternalFactHandle fact) || fact.getLinkedTuples() == null) {
      // Not a handle this version of Drools links to its tuples: keep the fact to its type's
      // expiry.
      return Long.MAX_VALUE;
    }
    long[] longest = {NONE};
    InternalFactHandle.LinkedTuples tuples = fact.getLinkedTuples();
    tuples.forEachLeftTuple(tuple -> longest[0] = Math.max(longest[0], windowOf(tuple)));
    tuples.forEachRightTuple(tuple -> longest[0] = Math.max(longest[0], windowOf(tuple)));
    return longest[0];
  }

  private long windowOf(TupleImpl tuple) {
    if (!(tuple.getSink() instanceof BaseNode node)) {
      return Long.MAX_VALUE;
    }
    return windowByNode.computeIfAbsent(node.getId(), id -> windowOfRules(node));
  }

  private long windowOfRules(BaseNode node) {
    long longest = NONE;
    for (Rule rule : node.getAssociatedRules()) {
      // A rule this evaluator has no metadata for (none should exist) keeps its facts the longest.
      long window = windowByRule.getOrDefault(key(rule), Long.MAX_VALUE);
      if (window > 0) {
        longest = Math.max(longest, window);
      }
    }
    return longest;
  }

  private static String key(Rule rule) {
    return rule.getPackageName() + "." + rule.getName();
  }
}
