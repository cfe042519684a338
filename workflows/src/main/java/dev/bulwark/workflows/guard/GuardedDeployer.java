package dev.bulwark.workflows.guard;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;

/**
 * Runs {@link BpmnGuard} on every BPMN resource of every deployment before Camunda parses it,
 * whichever way it arrives: bundled at start-up, {@code POST /engine-rest/deployment/create}, or a
 * future upload endpoint. Register it as a custom pre-deployer.
 */
public final class GuardedDeployer implements Deployer {

  @Override
  public void deploy(DeploymentEntity deployment) {
    Map<String, ResourceEntity> resources = deployment.getResources();
    if (resources == null) {
      return;
    }
    for (ResourceEntity resource : resources.values()) {
      String name = resource.getName();
      if (name != null && (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml"))) {
        List<String> violations = BpmnGuard.violations(name, resource.getBytes());
        if (!violations.isEmpty()) {
          throw new ProcessEngineException(
              "BULWARK-7020 playbook refused by the BPMN guard: " + String.join("; ", violations));
        }
      }
    }
  }
}
