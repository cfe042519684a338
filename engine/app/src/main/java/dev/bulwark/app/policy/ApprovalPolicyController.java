package dev.bulwark.app.policy;

import dev.bulwark.app.web.Problems;
import dev.bulwark.workflows.ApprovalPolicyDelegate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The approval policy as a DMN file: download it, edit it in Camunda Modeler, upload it. The next
 * playbook uses the new version; running ones keep the verdict they already have.
 */
@RestController
@RequestMapping("/api/v1/policies/approval")
class ApprovalPolicyController {

  private static final Logger LOG = LoggerFactory.getLogger(ApprovalPolicyController.class);
  private static final String RESOURCE = "approval_policy.dmn";

  private final RepositoryService repository;

  ApprovalPolicyController(RepositoryService repository) {
    this.repository = repository;
  }

  @GetMapping(produces = MediaType.APPLICATION_XML_VALUE)
  byte[] current() throws IOException {
    DecisionDefinition latest = latest();
    try (InputStream dmn =
        repository.getResourceAsStream(latest.getDeploymentId(), latest.getResourceName())) {
      return dmn.readAllBytes();
    }
  }

  @PutMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE, "*/*"})
  Map<String, Object> replace(@RequestBody byte[] dmn) {
    validate(dmn);
    Deployment deployment =
        repository
            .createDeployment()
            .name("approval-policy")
            .source("api")
            .addString(RESOURCE, new String(dmn, StandardCharsets.UTF_8))
            .deploy();
    DecisionDefinition latest = latest();
    LOG.info(
        "BULWARK-4002 approval policy version {} deployed ({})",
        latest.getVersion(),
        deployment.getId());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("decision", latest.getKey());
    result.put("version", latest.getVersion());
    result.put("deploymentId", deployment.getId());
    return result;
  }

  private static void validate(byte[] dmn) {
    try {
      DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
          .buildEngine()
          .parseDecision(ApprovalPolicyDelegate.DECISION_KEY, new ByteArrayInputStream(dmn));
    } catch (RuntimeException e) {
      throw new InvalidPolicy(
          "the approval policy must be a DMN file with a decision table whose id is "
              + ApprovalPolicyDelegate.DECISION_KEY
              + ": "
              + e.getMessage());
    }
  }

  private DecisionDefinition latest() {
    return repository
        .createDecisionDefinitionQuery()
        .decisionDefinitionKey(ApprovalPolicyDelegate.DECISION_KEY)
        .latestVersion()
        .singleResult();
  }

  @ExceptionHandler(InvalidPolicy.class)
  ProblemDetail invalid(InvalidPolicy e) {
    return Problems.of(HttpStatus.BAD_REQUEST, "invalid-policy", "Invalid policy", e.getMessage());
  }

  static final class InvalidPolicy extends RuntimeException {
    InvalidPolicy(String message) {
      super(message);
    }
  }
}
