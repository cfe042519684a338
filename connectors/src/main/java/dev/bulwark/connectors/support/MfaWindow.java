package dev.bulwark.connectors.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Which MFA methods {@code REMOVE_MFA} removes: those registered since the incident window opened
 * (the playbook's {@code registeredSince}), or all of them when the playbook gives no start. A
 * method whose registration time the provider does not report is removed too: a planted
 * authenticator left in place is worse than a user enrolling their phone again.
 */
public final class MfaWindow {

  /** The request parameter the playbook sets to the incident window's start. */
  public static final String PARAMETER = "registeredSince";

  private final Instant since;

  private MfaWindow(Instant since) {
    this.since = since;
  }

  /** From the request parameter; a value that is not an ISO-8601 instant is a REJECTED failure. */
  public static MfaWindow of(String provider, Object value) {
    if (value == null || value.toString().isBlank()) {
      return new MfaWindow(null);
    }
    Instant since = parse(value.toString());
    if (since == null) {
      throw new ConnectorFailure(
          provider,
          FailureKind.REJECTED,
          "REMOVE_MFA parameter "
              + PARAMETER
              + " must be an ISO-8601 instant such as 2026-01-31T08:00:00Z, got '"
              + value
              + "'");
    }
    return new MfaWindow(since);
  }

  /** Whether a method registered at {@code registered} (as the provider wrote it) is removed. */
  public boolean includes(String registered) {
    if (since == null || registered == null || registered.isBlank()) {
      return true;
    }
    Instant at = parse(registered);
    return at == null || !at.isBefore(since);
  }

  @Override
  public String toString() {
    return since == null ? "at any time" : "since " + since;
  }

  private static Instant parse(String value) {
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException notWithOffset) {
      try {
        return Instant.parse(value.trim());
      } catch (DateTimeParseException notAnInstant) {
        return null;
      }
    }
  }
}
