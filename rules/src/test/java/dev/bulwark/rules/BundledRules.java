package dev.bulwark.rules;

import dev.bulwark.rules.reference.CorporateNetworks;
import dev.bulwark.rules.reference.IdentityRecords;
import dev.bulwark.rules.reference.ReferenceData;

/** The bundled rule set, compiled once per test JVM: compiling takes seconds, sessions do not. */
final class BundledRules {

  private static RuleSet ruleSet;

  private BundledRules() {}

  /** The scenarios' workforce, anonymising networks as shipped and their corporate networks. */
  static ReferenceData scenarioReference() {
    ReferenceData reference = ReferenceData.withDefaults();
    reference.replaceIdentities(
        IdentityRecords.parse(TestAlerts.text("scenarios/identities.json")));
    reference.replaceCorporateNetworks(
        CorporateNetworks.parse(
            "corporate-networks.txt",
            TestAlerts.text("scenarios/corporate-networks.txt").lines().toList()));
    return reference;
  }

  static synchronized RuleSet ruleSet() {
    if (ruleSet == null) {
      ruleSet = new RuleSetCompiler().compileBundled();
    }
    return ruleSet;
  }
}
