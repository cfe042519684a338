package dev.bulwark.core.pipeline;

import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStore;
import dev.bulwark.core.incident.PlaybookRef;
import dev.bulwark.core.incident.PlaybookRef.PlaybookState;
import dev.bulwark.core.incident.TimelineEntry;
import dev.bulwark.core.playbook.PlaybookLauncher;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the playbooks that committed incidents asked for. Runs after the incident's transaction,
 * and again at start-up, so an engine that died in between still starts each playbook, and only
 * once: the launcher finds a process already started for the incident.
 */
public final class PlaybookDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(PlaybookDispatcher.class);
  private static final int BATCH = 100;

  private final IncidentStore store;
  private final PlaybookLauncher launcher;
  private final Transactions transactions;
  private final Clock clock;

  public PlaybookDispatcher(
      IncidentStore store, PlaybookLauncher launcher, Transactions transactions, Clock clock) {
    this.store = store;
    this.launcher = launcher;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Launches every pending playbook; returns how many were launched. */
  public synchronized int launchPending() {
    int launched = 0;
    int failed = 0;
    List<Incident> page;
    // Failed ones stay PENDING at the head of the queue: skip past them, or they starve the rest.
    while (!(page = store.pendingPlaybooks(failed, BATCH)).isEmpty()) {
      for (Incident incident : page) {
        if (launch(incident)) {
          launched++;
        } else {
          failed++;
        }
      }
    }
    return launched;
  }

  private boolean launch(Incident incident) {
    try {
      String processInstanceId = launcher.launch(incident, variables(incident));
      transactions.inTransaction(() -> markRunning(incident, processInstanceId));
      return true;
    } catch (RuntimeException e) {
      // Left PENDING: the next round tries again. One bad playbook must not stop the others.
      LOG.error(
          "BULWARK-0105 could not start playbook {} for incident {}: {}",
          incident.playbook().key(),
          incident.id(),
          e.getMessage(),
          e);
      return false;
    }
  }

  private Void markRunning(Incident incident, String processInstanceId) {
    Incident current = store.find(incident.id()).orElse(incident);
    PlaybookRef running =
        new PlaybookRef(current.playbook().key(), processInstanceId, PlaybookState.RUNNING);
    store.update(current.withPlaybook(running, clock.instant()));
    store.addTimeline(
        incident.id(),
        new TimelineEntry(
            clock.instant(),
            "playbook",
            "playbook " + running.key() + " started",
            Map.of("processInstanceId", processInstanceId)));
    return null;
  }

  /** What a playbook gets to work with: the incident and its first entity of each kind. */
  static Map<String, Object> variables(Incident incident) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("incidentId", incident.id());
    variables.put("title", incident.title());
    variables.put("severity", incident.severity().label());
    variables.put("riskScore", incident.riskScore());
    putFirst(variables, "user", incident.entities().users());
    putFirst(variables, "host", incident.entities().hosts());
    putFirst(variables, "ip", incident.entities().ips());
    return variables;
  }

  private static void putFirst(
      Map<String, Object> variables, String name, java.util.List<String> values) {
    variables.put(name, values.isEmpty() ? null : values.get(0));
  }
}
