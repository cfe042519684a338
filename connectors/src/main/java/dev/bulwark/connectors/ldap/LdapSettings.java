package dev.bulwark.connectors.ldap;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;

/**
 * How Bulwark reaches a directory (OpenLDAP or Active Directory).
 *
 * @param url e.g. {@code ldaps://dc1.example.com:636}
 * @param bindDn the service account Bulwark binds as; needs write access to the attribute the mode
 *     changes (or to rename entries, for {@link LdapDisableMode#DISABLED_OU})
 * @param bindPassword from the environment ({@code BULWARK_LDAP_BIND_PASSWORD})
 * @param usersBase where enabled users live, e.g. {@code ou=people,dc=example,dc=com}
 * @param userAttribute the attribute the target names: {@code uid} or {@code sAMAccountName}
 * @param mode how disabling is done
 * @param disabledOu where {@link LdapDisableMode#DISABLED_OU} moves users
 */
public record LdapSettings(
    String url,
    String bindDn,
    Secret bindPassword,
    String usersBase,
    String userAttribute,
    LdapDisableMode mode,
    String disabledOu,
    boolean dryRun,
    PolicySettings policy) {

  public static final String PROVIDER = "ldap";
  public static final String DEFAULT_USER_ATTRIBUTE = "uid";

  public LdapSettings {
    require(
        url != null && url.startsWith("ldap"),
        "bulwark.connectors.ldap.url must be ldap:// or ldaps://, got " + url);
    require(bindDn != null && !bindDn.isBlank(), "bulwark.connectors.ldap.bind-dn is required");
    require(
        usersBase != null && !usersBase.isBlank(),
        "bulwark.connectors.ldap.users-base is required");
    require(mode != null, "bulwark.connectors.ldap.mode is required");
    require(
        mode != LdapDisableMode.DISABLED_OU || (disabledOu != null && !disabledOu.isBlank()),
        "bulwark.connectors.ldap.disabled-ou is required with mode DISABLED_OU");
    require(
        dryRun || (bindPassword != null && !bindPassword.isEmpty()),
        "bulwark.connectors.ldap.bind-password is required (set BULWARK_LDAP_BIND_PASSWORD)");
    if (userAttribute == null || userAttribute.isBlank()) {
      userAttribute = DEFAULT_USER_ATTRIBUTE;
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
