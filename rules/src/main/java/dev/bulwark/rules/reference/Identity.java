package dev.bulwark.rules.reference;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What HR knows about a person, as the rules read it: where they said they work from, when they
 * were hired, their department and manager, and whether they hold privileged access.
 *
 * @param declaredCountry ISO 3166-1 alpha-2, upper case, or {@code null} when not declared
 * @param hireDate {@code null} when not known
 */
public record Identity(
    String userName,
    String email,
    String declaredCountry,
    LocalDate hireDate,
    String department,
    String managerEmail,
    boolean privileged) {

  public Identity {
    Objects.requireNonNull(userName, "userName");
  }

  /** Whether the person was hired within {@code days} before the date. */
  public boolean hiredWithin(int days, LocalDate on) {
    return hireDate != null && !hireDate.isAfter(on) && hireDate.plusDays(days).isAfter(on);
  }
}
