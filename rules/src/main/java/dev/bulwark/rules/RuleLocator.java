package dev.bulwark.rules;

import java.util.HashMap;
import java.util.Map;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Finds which file and line each rule was written at, so metadata problems point at the DRL. The
 * compiled KieBase knows rules by package and name only.
 */
final class RuleLocator {

  record Location(String file, int line) {}

  private final Map<String, Location> byRule = new HashMap<>();

  /** Records the rules of one DRL file that has already compiled. */
  void add(String file, String drl) {
    DrlParser parser = new DrlParser();
    try {
      PackageDescr descr = parser.parse(false, drl);
      if (descr == null) {
        return;
      }
      for (RuleDescr rule : descr.getRules()) {
        byRule.put(key(descr.getName(), rule.getName()), new Location(file, rule.getLine()));
      }
    } catch (DroolsParserException e) {
      // Compiled already, so this does not happen; without locations, problems name the rule only.
    }
  }

  Location find(String packageName, String ruleName) {
    return byRule.getOrDefault(key(packageName, ruleName), new Location("?", 0));
  }

  private static String key(String packageName, String ruleName) {
    return packageName + "|" + ruleName;
  }
}
