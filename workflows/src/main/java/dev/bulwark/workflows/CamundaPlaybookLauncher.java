package dev.bulwark.workflows;

import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.playbook.PlaybookLauncher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
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
  private final Function<Incident, Map<String, Object>> context;

  public CamundaPlaybookLauncher(RuntimeService runtime, HistoryService history) {
    this(runtime, history, incident -> Map.of());
  }

  /**
   * @param context variables the approval policy needs that the incident does not carry (whether
   *     the identity is privileged, how critical the host is), looked up per incident
   */
  public CamundaPlaybookLauncher(
      RuntimeService runtime,
      HistoryService history,
      Function<Incident, Map<String, Object>> context) {
    this.runtime = runtime;
    this.history = history;
    this.context = context;
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
    Map<String, Object> all = new LinkedHashMap<>(context.apply(incident));
    all.putIfAbsent("requestedBy", "rules");
    all.putIfAbsent("incidentWindowStart", incident.createdAt().toString());
    all.putAll(variables);
    return runtime.startProcessInstanceByKey(key, incident.id(), all).getId();
  }
}
