package dev.bulwark.app.connectors;

import static dev.bulwark.app.config.JsonColumns.timestamp;

import dev.bulwark.connectors.CamelActionProvider;
import dev.bulwark.connectors.simulate.SimulatedTarget;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Simulate mode's pretend systems in the engine's database ({@code simulated_change}). Each change
 * commits in its own transaction, as a real system's would, so it outlives a playbook job that
 * rolls back or a node that dies; that is what lets a restarted engine look a PENDING entry up.
 */
final class JdbcSimulatedTarget implements SimulatedTarget {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  JdbcSimulatedTarget(JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public void applied(ActionRequest request, ActionResult result) {
    ownTransaction.executeWithoutResult(
        status ->
            jdbc.update(
                "INSERT INTO simulated_change (idempotency_key, incident_id, type, target, status,"
                    + " detail, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                request.idempotencyKey(),
                request.incidentId(),
                request.type().name(),
                request.target(),
                result.status().name(),
                result.detail(),
                timestamp(clock.instant())));
  }

  @Override
  public Optional<ActionResult> find(String idempotencyKey) {
    return jdbc
        .query(
            "SELECT status, detail FROM simulated_change WHERE idempotency_key = ? ORDER BY id",
            (rs, row) ->
                new ActionResult(
                    ActionStatus.valueOf(rs.getString("status")),
                    CamelActionProvider.SimulatedProviderName.NAME,
                    rs.getString("detail"),
                    false),
            idempotencyKey)
        .stream()
        .findFirst();
  }
}
