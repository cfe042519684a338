package dev.bulwark.rules;

/** The bundled rule set, compiled once per test JVM: compiling takes seconds, sessions do not. */
final class BundledRules {

  private static RuleSet ruleSet;

  private BundledRules() {}

  static synchronized RuleSet ruleSet() {
    if (ruleSet == null) {
      ruleSet = new RuleSetCompiler().compileBundled();
    }
    return ruleSet;
  }
}
