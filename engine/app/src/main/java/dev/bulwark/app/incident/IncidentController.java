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

  IncidentController(IncidentStore incidents, ActionLedger ledger) {
    this.incidents = incidents;
    this.ledger = ledger;
  }

  @GetMapping
  Map<String, Object> list(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadRequestException(
          "page must be 0 or more and size between 1 and "
              + MAX_PAGE_SIZE
              + "; got page="
              + page
              + ", size="
              + size);
    }
    IncidentStore.Page found = incidents.page(page, size);
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
