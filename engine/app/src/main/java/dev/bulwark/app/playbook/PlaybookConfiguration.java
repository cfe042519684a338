package dev.bulwark.app.playbook;

import dev.bulwark.core.action.ResponseActions;
import dev.bulwark.core.playbook.PlaybookEvents;
import dev.bulwark.core.playbook.PlaybookLauncher;
import dev.bulwark.workflows.ApprovalRecorder;
import dev.bulwark.workflows.CamundaPlaybookLauncher;
import dev.bulwark.workflows.DisableAccountDelegate;
import dev.bulwark.workflows.IsolateHostDelegate;
import dev.bulwark.workflows.NotifyStakeholdersDelegate;
import dev.bulwark.workflows.PlaybookEndListener;
import dev.bulwark.workflows.RevokeSessionsDelegate;
import java.time.Clock;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans the BPMN files name in their delegate expressions, and the launcher. */
@Configuration(proxyBeanMethods = false)
class PlaybookConfiguration {

  @Bean
  PlaybookLauncher playbookLauncher(RuntimeService runtime, HistoryService history) {
    return new CamundaPlaybookLauncher(runtime, history);
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
  IsolateHostDelegate isolateHostDelegate(ResponseActions actions, PlaybookEvents events) {
    return new IsolateHostDelegate(actions, events);
  }

  @Bean
  NotifyStakeholdersDelegate notifyStakeholdersDelegate(
      ResponseActions actions, PlaybookEvents events) {
    return new NotifyStakeholdersDelegate(actions, events);
  }

  @Bean
  ApprovalRecorder approvalRecorder(PlaybookEvents events, Clock clock) {
    return new ApprovalRecorder(events, clock);
  }

  @Bean
  PlaybookEndListener playbookEndListener(PlaybookEvents events) {
    return new PlaybookEndListener(events);
  }
}
