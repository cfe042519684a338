package dev.bulwark.app.incident;

import dev.bulwark.app.web.BadRequestException;
import dev.bulwark.app.web.NotFoundException;
import dev.bulwark.core.action.ActionLedger;
import dev.bulwark.core.action.LedgerEntry;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStore;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading incidents, their timelines and the actions taken for them. */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentController {

  private static final int MAX_PAGE_SIZE = 500;

  private final IncidentStore incidents;
  private final ActionLedger ledger;
  private final IncidentSearch search;

  /**
   * Takes the search of the configured backend: Elasticsearch when configured, else the database.
   */
  IncidentController(IncidentStore incidents, ActionLedger ledger, List<IncidentSearch> searches) {
    this.incidents = incidents;
    this.ledger = ledger;
    this.search =
        searches.stream()
            .filter(s -> !(s instanceof DatabaseIncidentSearch))
            .findFirst()
            .orElseGet(() -> searches.get(0));
  }

  /**
   * A page of incidents, newest first; with {@code q}, {@code status}, {@code severity}, {@code
   * from} or {@code to}, the ones that match.
   */
  @GetMapping
  Map<String, Object> list(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) List<String> status,
      @RequestParam(required = false) List<String> severity,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadRequestException(
          "page must be 0 or more and size between 1 and "
              + MAX_PAGE_SIZE
              + "; got page="
              + page
              + ", size="
              + size);
    }
    IncidentQuery query = IncidentQueries.parse(q, status, severity, from, to, page, size);
    IncidentStore.Page found = query.filters() ? search.search(query) : incidents.page(page, size);
    List<IncidentView> items =
        found.items().stream().map(incident -> IncidentView.of(incident, null)).toList();
    return Map.of("items", items, "total", found.total());
  }

  @GetMapping("/{id}")
  IncidentView get(@PathVariable String id) {
    Incident incident = find(id);
    return IncidentView.of(incident, incidents.timeline(id));
  }

  @GetMapping("/{id}/actions")
  List<LedgerEntry> actions(@PathVariable String id) {
    find(id);
    return ledger.forIncident(id);
  }

  private Incident find(String id) {
    return incidents.find(id).orElseThrow(() -> new NotFoundException("no incident " + id));
  }
}
