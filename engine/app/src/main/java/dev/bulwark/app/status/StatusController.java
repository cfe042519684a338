package dev.bulwark.app.status;

import dev.bulwark.app.cluster.PartitionLeases;
import dev.bulwark.app.cluster.RulesLease;
import dev.bulwark.app.journal.JdbcAlertJournal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/status}: how far the engine is behind its intake. */
@RestController
class StatusController {

  private final JdbcAlertJournal journal;
  private final RulesLease lease;
  private final PartitionLeases partitions;

  StatusController(JdbcAlertJournal journal, RulesLease lease, PartitionLeases partitions) {
    this.journal = journal;
    this.lease = lease;
    this.partitions = partitions;
  }

  @GetMapping("/api/v1/status")
  Map<String, Object> status() {
    // The holder is null while no node holds the lease (e.g. between a death and the takeover).
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("node", lease.nodeId());
    cluster.put("rulesNode", lease.holder());
    // How many of the journal partitions each node evaluates the identity rules of (ADR 0802).
    cluster.put("partitions", partitions.owners());
    return Map.of("journal", journal.counts(), "cluster", cluster);
  }
}
