package dev.bulwark.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** The shipped approval policy, case by case, from {@code policy/approval_policy_cases.csv}. */
class ApprovalPolicyTableTest {

  private static final DmnEngine DMN =
      DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
  private static final DmnDecision POLICY = load();

  @ParameterizedTest(name = "{0} severity, privileged={1}, {2} asset, {3}: {4} approver(s), {5}")
  @CsvFileSource(resources = "/policy/approval_policy_cases.csv")
  void theShippedPolicyDecidesHowManyApproversAnActionNeeds(
      String severity,
      boolean privileged,
      String criticality,
      String action,
      int approvers,
      String onTimeout) {
    DmnDecisionRuleResult verdict =
        DMN.evaluateDecisionTable(
                POLICY,
                Variables.createVariables()
                    .putValue("severity", severity)
                    .putValue("privileged", privileged)
                    .putValue("assetCriticality", criticality)
                    .putValue("actionType", action))
            .getSingleResult();

    assertThat(((Number) verdict.getEntry("approvals")).intValue()).isEqualTo(approvers);
    assertThat((String) verdict.getEntry("onTimeout")).isEqualTo(onTimeout);
  }

  private static DmnDecision load() {
    try (InputStream dmn =
        ApprovalPolicyTableTest.class.getResourceAsStream("/dmn/approval_policy.dmn")) {
      return DMN.parseDecision(ApprovalPolicyDelegate.DECISION_KEY, dmn);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
