package dev.bulwark.app.playbook;

import dev.bulwark.workflows.guard.GuardedDeployer;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.stereotype.Component;

/**
 * Every deployment passes the BPMN guard before Camunda reads it, and Camunda's own XML parsing
 * keeps external entities off (also its default; stated here so nobody turns it on by accident).
 */
@Component
class PlaybookGuardPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = new ArrayList<>();
    if (configuration.getCustomPreDeployers() != null) {
      deployers.addAll(configuration.getCustomPreDeployers());
    }
    deployers.add(new GuardedDeployer());
    configuration.setCustomPreDeployers(deployers);
    configuration.setEnableXxeProcessing(false);
  }
}
