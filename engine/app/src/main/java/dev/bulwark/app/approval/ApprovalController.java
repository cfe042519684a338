package dev.bulwark.app.approval;

import dev.bulwark.app.security.CamundaGroups;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Open approvals, and analysts' decisions on them. */
@RestController
@RequestMapping("/api/v1/approvals")
class ApprovalController {

  private final ApprovalService approvals;

  ApprovalController(ApprovalService approvals) {
    this.approvals = approvals;
  }

  @GetMapping
  List<ApprovalService.Approval> open() {
    return approvals.open();
  }

  @PostMapping("/{taskId}")
  ResponseEntity<Map<String, Object>> decide(
      @PathVariable String taskId,
      @RequestBody DecisionRequest body,
      Authentication authentication) {
    // Security admits only authenticated analysts here, so the decider is always a real user.
    String user = authentication.getName();
    approvals.decide(
        taskId, body.decision(), body.comment(), user, CamundaGroups.of(authentication));
    return ResponseEntity.ok(Map.of("id", taskId, "decision", body.decision(), "decidedBy", user));
  }

  /** {@code {"decision": "approve"|"reject", "comment": "..."}}. */
  record DecisionRequest(String decision, String comment) {}
}
