package dev.bulwark.app.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.action.ActionFailedException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The engine's failed-job handling, as the Spring Boot starter builds it with Bulwark's bean in
 * place of its default: a failure retrying cannot fix is given up on, the others keep the retry
 * cycle. (The process tests in workflows show what each does to a playbook.)
 */
class FailedJobConfigurationTest {

  @Test
  void aFailureRetryingCannotFixIsGivenUpOnAndTheOthersKeepTheRetryCycle() {
    ProcessEngineConfigurationImpl engine = new SpringProcessEngineConfiguration();
    ProcessEnginePlugin plugin = new PlaybookConfiguration().failedJobConfiguration();

    plugin.preInit(engine);

    var factory = engine.getFailedJobCommandFactory();
    assertThat(factory.getCommand("job-1", new ActionFailedException("403", false, null)))
        .isNotInstanceOf(DefaultJobRetryCmd.class);
    assertThat(factory.getCommand("job-2", new ActionFailedException("503", true, null)))
        .isInstanceOf(DefaultJobRetryCmd.class);
    assertThat(factory.getCommand("job-3", new IllegalStateException("bug")))
        .isInstanceOf(DefaultJobRetryCmd.class);
  }
}
