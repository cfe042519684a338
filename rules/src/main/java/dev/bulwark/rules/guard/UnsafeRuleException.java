package dev.bulwark.rules.guard;

import java.util.List;

/** A rule file that the {@link DrlGuard} refuses, with every reason and where. */
public class UnsafeRuleException extends RuntimeException {

  private final List<String> violations;

  public UnsafeRuleException(List<String> violations) {
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
