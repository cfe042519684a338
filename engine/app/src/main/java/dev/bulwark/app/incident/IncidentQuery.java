package dev.bulwark.app.incident;

import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A search over incidents, as {@code GET /api/v1/incidents?q=&status=&severity=&from=&to=} gives
 * it. Empty lists and nulls mean "any".
 *
 * @param text words that must all appear in the title, the entities or the signals
 * @param from created at or after
 * @param to created before
 */
public record IncidentQuery(
    String text,
    List<IncidentStatus> statuses,
    List<Severity> severities,
    Instant from,
    Instant to,
    int page,
    int size) {

  public IncidentQuery {
    statuses = List.copyOf(statuses);
    severities = List.copyOf(severities);
    text = text == null || text.isBlank() ? null : text.trim();
  }

  /** True when it asks for more than a page of everything. */
  public boolean filters() {
    return text != null
        || !statuses.isEmpty()
        || !severities.isEmpty()
        || from != null
        || to != null;
  }
}
