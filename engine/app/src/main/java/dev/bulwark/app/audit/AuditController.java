package dev.bulwark.app.audit;

import dev.bulwark.core.audit.AuditRecord;
import dev.bulwark.core.audit.AuditVerification;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, and a check that nobody edited, deleted or reordered it. ADMIN only. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

  private static final int MAX_PAGE = 1000;

  private final JdbcAuditLog audit;

  AuditController(JdbcAuditLog audit) {
    this.audit = audit;
  }

  @GetMapping
  List<AuditRecord> records(
      @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
    return audit.page(after, Math.max(1, Math.min(limit, MAX_PAGE)));
  }

  /** 200 when the chain holds, 409 with the first broken record when it does not. */
  @GetMapping("/verify")
  ResponseEntity<AuditVerification> verify() {
    AuditVerification result = audit.verify();
    return ResponseEntity.status(result.valid() ? 200 : 409).body(result);
  }
}
