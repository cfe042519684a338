package dev.bulwark.workflows;

import dev.bulwark.core.action.ActionFailedException;
import java.util.Optional;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * A step whose provider said trying again cannot help (wrong credentials, a missing permission, an
 * account that does not exist: {@link ActionFailedException#retryable()} false) raises its Camunda
 * incident at once instead of waiting out the back-off of the retry cycle; every other failure
 * keeps Camunda's usual handling ({@code failedJobRetryTimeCycle}). An analyst retries it from the
 * API once the cause is fixed, like any incident.
 */
public final class NonRetryableFailures extends AbstractProcessEnginePlugin {

  /** How the job's (and so the incident's) message begins when the step was not retried. */
  public static final String PREFIX = "not retryable: ";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory usual = configuration.getFailedJobCommandFactory();
    // Before init() the engine has not set its default yet; that default is what others get.
    configuration.setFailedJobCommandFactory(
        new Factory(usual == null ? new DefaultFailedJobCommandFactory() : usual));
  }

  /** The non-retryable action failure in a job's exception, if that is why it failed. */
  static Optional<ActionFailedException> nonRetryable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ActionFailedException action) {
        return action.retryable() ? Optional.empty() : Optional.of(action);
      }
    }
    return Optional.empty();
  }

  private static final class Factory implements FailedJobCommandFactory {

    private final FailedJobCommandFactory usual;

    Factory(FailedJobCommandFactory usual) {
      this.usual = usual;
    }

    @Override
    public Command<Object> getCommand(String jobId, Throwable exception) {
      return nonRetryable(exception).isPresent()
          ? new GiveUp(jobId, exception)
          : usual.getCommand(jobId, exception);
    }
  }

  /** Records the failure on the job and leaves it no retries, which raises the incident. */
  private static final class GiveUp extends JobRetryCmd {

    GiveUp(String jobId, Throwable exception) {
      super(jobId, exception);
    }

    @Override
    public Object execute(CommandContext commandContext) {
      JobEntity job = getJob();
      if (job == null) {
        return null;
      }
      job.unlock();
      job.setExceptionStacktrace(getExceptionStacktrace());
      job.setExceptionMessage(PREFIX + nonRetryable(exception).orElseThrow().getMessage());
      job.setRetries(0);
      notifyAcquisition(commandContext);
      return null;
    }
  }
}
