package dev.bulwark.app.approval;

import dev.bulwark.app.approval.ApprovalLinks.InvalidLinkException;
import dev.bulwark.app.security.CamundaGroups;
import dev.bulwark.app.web.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Open approvals, and analysts' decisions on them: by API call or by signed link. */
@RestController
@RequestMapping("/api/v1/approvals")
class ApprovalController {

  private final ApprovalService approvals;
  private final ApprovalLinkService links;

  ApprovalController(ApprovalService approvals, ApprovalLinkService links) {
    this.approvals = approvals;
    this.links = links;
  }

  @GetMapping
  List<ApprovalService.Approval> open() {
    return approvals.open();
  }

  @PostMapping("/{taskId}")
  ApprovalService.Decided decide(
      @PathVariable String taskId,
      @RequestBody DecisionRequest body,
      Authentication authentication) {
    // Security admits only authenticated analysts here, so the decider is always a real user.
    String user = authentication.getName();
    return approvals.decide(
        taskId, body.decision(), body.comment(), user, CamundaGroups.of(authentication), "api");
  }

  /**
   * What a link would decide, without deciding: mail scanners open links, so only POST acts (the
   * page behind the link confirms with a button).
   */
  @GetMapping("/links/{token}")
  Map<String, Object> inspect(@PathVariable String token) {
    ApprovalLinks.Link link = links.inspect(token);
    ApprovalService.Approval approval = approvals.find(link.taskId());
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("approval", approval);
    view.put("decision", link.decision());
    view.put("for", link.user());
    view.put("expires", link.expires());
    return view;
  }

  @PostMapping("/links/{token}")
  ApprovalService.Decided decideByLink(
      @PathVariable String token, @RequestBody(required = false) LinkDecision body) {
    return links.decide(token, body == null ? null : body.comment());
  }

  @ExceptionHandler(ApprovalService.ApprovalRefused.class)
  ProblemDetail refused(ApprovalService.ApprovalRefused e) {
    return Problems.of(
        HttpStatus.FORBIDDEN, "approval-refused", "Approval refused", e.getMessage());
  }

  @ExceptionHandler(InvalidLinkException.class)
  ProblemDetail invalidLink(InvalidLinkException e) {
    return e.gone()
        ? Problems.of(HttpStatus.GONE, "approval-link-gone", "Approval link gone", e.getMessage())
        : Problems.of(
            HttpStatus.FORBIDDEN, "approval-link-invalid", "Invalid approval link", e.getMessage());
  }

  /** {@code {"decision": "approve"|"reject", "comment": "..."}}. */
  record DecisionRequest(String decision, String comment) {}

  /** {@code {"comment": "..."}}, optional. */
  record LinkDecision(String comment) {}
}
