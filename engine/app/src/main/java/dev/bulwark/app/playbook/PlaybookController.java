package dev.bulwark.app.playbook;

import dev.bulwark.app.web.NotFoundException;
import dev.bulwark.app.web.Problems;
import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.LedgerEntry;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.IncidentStore;
import dev.bulwark.core.incident.TimelineEntry;
import dev.bulwark.workflows.CamundaPlaybookControl;
import dev.bulwark.workflows.CamundaPlaybookControl.Rollback;
import dev.bulwark.workflows.RollbackScope;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What an analyst does to an incident's playbook: call it a false positive, retry stuck steps. */
@RestController
@RequestMapping("/api/v1/incidents/{id}")
class PlaybookController {

  private final IncidentStore incidents;
  private final ActionLedger ledger;
  private final CamundaPlaybookControl control;
  private final Clock clock;

  PlaybookController(
      IncidentStore incidents, ActionLedger ledger, CamundaPlaybookControl control, Clock clock) {
    this.incidents = incidents;
    this.ledger = ledger;
    this.control = control;
    this.clock = clock;
  }

  /**
   * Rolls the containment back through BPMN compensation and closes the incident as a false
   * positive (when the playbook reaches its rollback end). Calling it again is harmless.
   */
  @PostMapping("/false-positive")
  ResponseEntity<Map<String, Object>> falsePositive(
      @PathVariable String id, HttpServletRequest request) {
    Incident incident = find(id);
    if (incident.status() == IncidentStatus.FALSE_POSITIVE) {
      return ResponseEntity.ok(Map.of("id", id, "rollback", "already_done"));
    }
    Rollback rollback = control.reportFalsePositive(id, user(request));
    if (rollback == Rollback.NO_PLAYBOOK) {
      List<LedgerEntry> ledgered = ledger.forIncident(id);
      // Only what Bulwark changed needs undoing: a target found already as asked (UNCHANGED)
      // stays as it was, and an action without an inverse has nothing to restore.
      boolean undoable =
          RollbackScope.changed(ledgered, id).stream().anyMatch(e -> e.type().inverse() != null);
      if (undoable) {
        throw new RollbackWindowClosed(
            "incident "
                + id
                + " has no running playbook (its rollback window is over) and actions that"
                + " changed something; undo them by hand, see GET /api/v1/incidents/"
                + id
                + "/actions");
      }
      incidents.update(incident.withStatus(IncidentStatus.FALSE_POSITIVE));
      incidents.addTimeline(
          id,
          new TimelineEntry(
              clock.instant(),
              "rollback",
              "closed as false positive by "
                  + user(request)
                  + "; nothing to undo"
                  + RollbackScope.leftAsTheyWere(ledgered, id).stream()
                      .map(e -> "; " + RollbackScope.leftAsItWas(e))
                      .collect(Collectors.joining()),
              Map.of()));
      return ResponseEntity.ok(Map.of("id", id, "rollback", "nothing_to_undo"));
    }
    return ResponseEntity.accepted()
        .body(Map.of("id", id, "rollback", rollback.name().toLowerCase(java.util.Locale.ROOT)));
  }

  /** Gives each playbook step whose retries ran out one more attempt, now. */
  @PostMapping("/retry")
  Map<String, Object> retry(@PathVariable String id) {
    find(id);
    List<String> steps = control.retryFailedSteps(id);
    if (!steps.isEmpty()) {
      incidents.addTimeline(
          id,
          new TimelineEntry(
              clock.instant(), "playbook", "retrying " + steps, Map.of("steps", steps)));
    }
    return Map.of("id", id, "retried", steps);
  }

  @ExceptionHandler(RollbackWindowClosed.class)
  ProblemDetail windowClosed(RollbackWindowClosed e) {
    return Problems.of(
        HttpStatus.CONFLICT, "rollback-window-closed", "Rollback window closed", e.getMessage());
  }

  private Incident find(String id) {
    return incidents.find(id).orElseThrow(() -> new NotFoundException("no incident " + id));
  }

  private static String user(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    return principal == null ? "anonymous" : principal.getName();
  }

  static final class RollbackWindowClosed extends RuntimeException {
    RollbackWindowClosed(String message) {
      super(message);
    }
  }
}
