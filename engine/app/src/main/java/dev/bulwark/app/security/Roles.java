package dev.bulwark.app.security;

import java.util.List;

/**
 * Bulwark's four roles. ADMIN includes ANALYST, which includes VIEWER; INTAKE stands alone, so a
 * leaked intake key can post alerts and nothing else.
 */
public final class Roles {

  public static final String ADMIN = "ADMIN";
  public static final String ANALYST = "ANALYST";
  public static final String VIEWER = "VIEWER";
  public static final String INTAKE = "INTAKE";

  public static final List<String> ALL = List.of(ADMIN, ANALYST, VIEWER, INTAKE);

  /** Spring Security's role hierarchy notation. */
  static final String HIERARCHY =
      "ROLE_" + ADMIN + " > ROLE_" + ANALYST + "\nROLE_" + ANALYST + " > ROLE_" + VIEWER;

  /** The Camunda group each role maps to: Camunda's authorizations are granted to these. */
  public static String camundaGroup(String role) {
    return switch (role) {
      case ADMIN -> "camunda-admin";
      case ANALYST -> "soc-analysts";
      case VIEWER -> "bulwark-viewers";
      default -> "bulwark-intake";
    };
  }

  private Roles() {}
}
