package dev.bulwark.workflows;

import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.playbook.PlaybookLauncher;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

/**
 * Starts a playbook as a Camunda process whose business key is the incident id. Looks for an
 * instance of that key first, so launching twice (a retry, a restart, a second node) starts one.
 */
public final class CamundaPlaybookLauncher implements PlaybookLauncher {

  private final RuntimeService runtime;
  private final HistoryService history;

  public CamundaPlaybookLauncher(RuntimeService runtime, HistoryService history) {
    this.runtime = runtime;
    this.history = history;
  }

  @Override
  public String launch(Incident incident, Map<String, Object> variables) {
    String key = incident.playbook().key();
    HistoricProcessInstance earlier =
        history
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(key)
            .processInstanceBusinessKey(incident.id())
            .singleResult();
    if (earlier != null) {
      return earlier.getId();
    }
    return runtime.startProcessInstanceByKey(key, incident.id(), variables).getId();
  }
}
