package dev.bulwark.workflows.guard;

import java.util.List;

/** A playbook that the {@link BpmnGuard} refuses, with every reason. */
public class UnsafePlaybookException extends RuntimeException {

  private final List<String> violations;

  public UnsafePlaybookException(List<String> violations) {
    super(
        violations.size() == 1
            ? violations.get(0)
            : violations.size() + " problems, first: " + violations.get(0));
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }
}
