package dev.bulwark.core.incident;

/**
 * The playbook an incident runs.
 *
 * @param key the BPMN process id
 * @param processInstanceId Camunda's id, once started
 * @param state {@link PlaybookState}
 */
public record PlaybookRef(String key, String processInstanceId, PlaybookState state) {

  public enum PlaybookState {
    /** Asked for by a rule, not started yet (the launcher picks these up, also after a crash). */
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    /** No playbook asked for. */
    NONE
  }
}
