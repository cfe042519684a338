package dev.bulwark.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import dev.bulwark.core.action.LedgerEntry;
import dev.bulwark.core.incident.Severity;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An engine that stops in the middle of a playbook's parallel actions (one of them acted on the
 * target and died before its job committed) resumes after a restart on the same database and
 * performs every action exactly once: the ledger and the target each show one.
 */
class EngineRestartTest {

  private final PlaybookWorld world = new PlaybookWorld("restart").start();

  @AfterEach
  void stop() {
    ClockUtil.reset();
    world.stop();
  }

  @Test
  void aPlaybookInterruptedMidContainmentResumesAndActsOncePerActionAfterARestart() {
    String id = world.launch("contain_remote_worker", "rs-1", Severity.HIGH, "nkim", "nkim-pc");
    world.runJobs();
    world.decide(id, "alice", true, null);
    List<Job> parallel =
        world.engine.getManagementService().createJobQuery().processInstanceId(id).list();
    assertThat(parallel).extracting(Job::getFailedActivityId).hasSizeGreaterThanOrEqualTo(2);

    world.target.dieAfterApplying(ActionType.ISOLATE_HOST);
    Job isolate = job("isolate_host", id);
    Throwable died =
        catchThrowable(() -> world.engine.getManagementService().executeJob(isolate.getId()));
    assertThat(died).hasRootCauseInstanceOf(CountingTarget.NodeDied.class);
    world.stop();

    world.start();
    // A dead node's job is picked up again once its lock (or, here, its back-off) has expired.
    ClockUtil.setCurrentTime(
        new Date(System.currentTimeMillis() + Duration.ofMinutes(6).toMillis()));
    world.runJobs();

    for (String key :
        List.of("rs-1:ISOLATE_HOST:nkim-pc", "rs-1:DISABLE_ACCOUNT:nkim", "rs-1:REMOVE_MFA:nkim")) {
      assertThat(world.target.timesApplied(key)).as("target applied " + key).isEqualTo(1);
      assertThat(world.ledger.all())
          .filteredOn(e -> e.idempotencyKey().equals(key))
          .singleElement()
          .extracting(LedgerEntry::status)
          .isEqualTo(ActionStatus.DONE);
    }
    assertThat(world.ledger.all())
        .extracting(LedgerEntry::status)
        .doesNotContain(ActionStatus.PENDING, ActionStatus.FAILED);
    assertThat(world.ports.endings).containsExactly("rs-1:contained");
  }

  private Job job(String activityId, String processInstanceId) {
    return world
        .engine
        .getManagementService()
        .createJobQuery()
        .processInstanceId(processInstanceId)
        .activityId(activityId)
        .singleResult();
  }
}
