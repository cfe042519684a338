package dev.bulwark.core.playbook;

import dev.bulwark.core.incident.Incident;
import java.util.Map;

/** Starts playbooks. Kept narrow so that the workflow engine can be swapped. */
public interface PlaybookLauncher {

  /**
   * Starts the playbook for the incident, or finds the one already started for it (the incident id
   * is the business key), and returns the process instance id.
   */
  String launch(Incident incident, Map<String, Object> variables);
}
