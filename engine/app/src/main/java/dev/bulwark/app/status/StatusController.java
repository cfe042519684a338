package dev.bulwark.app.status;

import dev.bulwark.app.journal.JdbcAlertJournal;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/status}: how far the engine is behind its intake. */
@RestController
class StatusController {

  private final JdbcAlertJournal journal;

  StatusController(JdbcAlertJournal journal) {
    this.journal = journal;
  }

  @GetMapping("/api/v1/status")
  Map<String, Object> status() {
    return Map.of("journal", journal.counts());
  }
}
