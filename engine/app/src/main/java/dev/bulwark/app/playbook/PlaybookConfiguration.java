package dev.bulwark.app.playbook;

import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.playbook.ApprovalRequests;
import dev.bulwark.core.playbook.PlaybookEvents;
import dev.bulwark.core.playbook.PlaybookLauncher;
import dev.bulwark.workflows.ApprovalEscalationDelegate;
import dev.bulwark.workflows.ApprovalPolicyDelegate;
import dev.bulwark.workflows.ApprovalRecorder;
import dev.bulwark.workflows.ApprovalTaskCreated;
import dev.bulwark.workflows.ApprovalTimeoutDelegate;
import dev.bulwark.workflows.CamundaPlaybookControl;
import dev.bulwark.workflows.CamundaPlaybookLauncher;
import dev.bulwark.workflows.DisableAccountDelegate;
import dev.bulwark.workflows.IsolateHostDelegate;
import dev.bulwark.workflows.NonRetryableFailures;
import dev.bulwark.workflows.NotifyStakeholdersDelegate;
import dev.bulwark.workflows.OpenTicketDelegate;
import dev.bulwark.workflows.PlaybookEndListener;
import dev.bulwark.workflows.PlaybookTimings;
import dev.bulwark.workflows.RecordEvidenceDelegate;
import dev.bulwark.workflows.RemoveMfaDelegate;
import dev.bulwark.workflows.RevokeSessionsDelegate;
import dev.bulwark.workflows.RollbackNotifyDelegate;
import dev.bulwark.workflows.TimelineIncidentHandler;
import dev.bulwark.workflows.UndoActionDelegate;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaFailedJobConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultFailedJobConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The beans the BPMN files name in their delegate expressions, the launcher and the control. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlaybookProperties.class)
class PlaybookConfiguration {

  @Bean
  PlaybookLauncher playbookLauncher(
      RuntimeService runtime, HistoryService history, PlaybookProperties properties) {
    return new CamundaPlaybookLauncher(runtime, history, incident -> context(incident, properties));
  }

  /** What the approval policy needs that the incident does not carry. */
  static Map<String, Object> context(Incident incident, PlaybookProperties properties) {
    Map<String, Object> context = new HashMap<>();
    context.put(
        "privileged",
        incident.entities().users().stream().anyMatch(properties.getPrivilegedUsers()::contains));
    String criticality = "medium";
    for (String host : incident.entities().hosts()) {
      String named = properties.getAssetCriticality().get(host);
      if ("high".equals(named) || ("low".equals(criticality) && named != null)) {
        criticality = named;
      }
    }
    context.put("assetCriticality", criticality);
    context.put("escalateAfter", properties.getEscalateAfter().toString());
    context.put("decideWithin", properties.getDecideWithin().toString());
    context.put("rollbackWindow", properties.getRollbackWindow().toString());
    return context;
  }

  @Bean
  CamundaPlaybookControl playbookControl(RuntimeService runtime, ManagementService management) {
    return new CamundaPlaybookControl(runtime, management);
  }

  /** Stuck steps show on the incident's timeline as well as in Cockpit. */
  @Bean
  ProcessEnginePlugin timelineIncidents(@Lazy PlaybookEvents events) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomIncidentHandlers(List.of(new TimelineIncidentHandler(events)));
      }
    };
  }

  /**
   * The starter's failed-job handling (retry cycles from the BPMN), plus: a step failing for a
   * reason retrying cannot fix raises its incident at once. Replacing the starter's bean, rather
   * than adding a plugin, because the starter's sets the failed-job factory after other plugins.
   */
  @Bean
  CamundaFailedJobConfiguration failedJobConfiguration() {
    NonRetryableFailures nonRetryable = new NonRetryableFailures();
    return new DefaultFailedJobConfiguration() {
      @Override
      public void preInit(SpringProcessEngineConfiguration configuration) {
        super.preInit(configuration);
        nonRetryable.preInit(configuration);
      }
    };
  }

  @Bean
  ApprovalPolicyDelegate approvalPolicyDelegate(
      PlaybookProperties properties, PlaybookEvents events) {
    return new ApprovalPolicyDelegate(
        new PlaybookTimings(
            properties.getEscalateAfter(),
            properties.getDecideWithin(),
            properties.getRollbackWindow()),
        events);
  }

  @Bean
  DisableAccountDelegate disableAccountDelegate(ResponseActions actions, PlaybookEvents events) {
    return new DisableAccountDelegate(actions, events);
  }

  @Bean
  RevokeSessionsDelegate revokeSessionsDelegate(ResponseActions actions, PlaybookEvents events) {
    return new RevokeSessionsDelegate(actions, events);
  }

  @Bean
  RemoveMfaDelegate removeMfaDelegate(ResponseActions actions, PlaybookEvents events) {
    return new RemoveMfaDelegate(actions, events);
  }

  @Bean
  IsolateHostDelegate isolateHostDelegate(ResponseActions actions, PlaybookEvents events) {
    return new IsolateHostDelegate(actions, events);
  }

  @Bean
  NotifyStakeholdersDelegate notifyStakeholdersDelegate(
      ResponseActions actions, PlaybookEvents events) {
    return new NotifyStakeholdersDelegate(actions, events);
  }

  @Bean
  OpenTicketDelegate openTicketDelegate(ResponseActions actions, PlaybookEvents events) {
    return new OpenTicketDelegate(actions, events);
  }

  @Bean
  RecordEvidenceDelegate recordEvidenceDelegate(ResponseActions actions, PlaybookEvents events) {
    return new RecordEvidenceDelegate(actions, events);
  }

  @Bean
  UndoActionDelegate undoActionDelegate(
      ActionLedger ledger, ResponseActions actions, PlaybookEvents events) {
    return new UndoActionDelegate(ledger, actions, events);
  }

  @Bean
  RollbackNotifyDelegate rollbackNotifyDelegate(
      ActionLedger ledger, ResponseActions actions, PlaybookEvents events) {
    return new RollbackNotifyDelegate(ledger, actions, events);
  }

  @Bean
  ApprovalRecorder approvalRecorder(PlaybookEvents events, Clock clock) {
    return new ApprovalRecorder(events, clock);
  }

  @Bean
  ApprovalTaskCreated approvalTaskCreated(ApprovalRequests requests) {
    return new ApprovalTaskCreated(requests);
  }

  @Bean
  ApprovalEscalationDelegate approvalEscalationDelegate(
      ResponseActions actions, PlaybookEvents events, PlaybookProperties properties) {
    return new ApprovalEscalationDelegate(actions, events, properties.getOnCall());
  }

  @Bean
  ApprovalTimeoutDelegate approvalTimeoutDelegate(PlaybookEvents events) {
    return new ApprovalTimeoutDelegate(events);
  }

  @Bean
  PlaybookEndListener playbookEndListener(PlaybookEvents events) {
    return new PlaybookEndListener(events);
  }
}
