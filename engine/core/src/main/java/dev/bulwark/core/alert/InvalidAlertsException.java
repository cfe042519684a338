package dev.bulwark.core.alert;

import java.util.List;

/** A request whose alerts cannot be journaled; none of its documents were. */
public final class InvalidAlertsException extends RuntimeException {

  /** What kind of wrong, so the HTTP layer can choose the status and problem type. */
  public enum Kind {
    MALFORMED,
    INVALID,
    EMPTY,
    TOO_MANY
  }

  private final Kind kind;
  private final List<Violation> violations;

  public InvalidAlertsException(Kind kind, String message, List<Violation> violations) {
    super(message);
    this.kind = kind;
    this.violations = List.copyOf(violations);
  }

  public Kind kind() {
    return kind;
  }

  public List<Violation> violations() {
    return violations;
  }
}
