package dev.bulwark.connectors.ldap;

/** How a directory account is disabled; each is one the directory itself enforces on bind. */
public enum LdapDisableMode {
  /**
   * OpenLDAP password policy: {@code pwdAccountLockedTime: 000001010000Z} locks the account until
   * an administrator removes it. Needs the {@code ppolicy} overlay with a default policy.
   */
  PPOLICY_LOCK,
  /**
   * Active Directory: sets bit 2 ({@code ACCOUNTDISABLE}) of {@code userAccountControl} (512
   * becomes 514) and clears it to enable, leaving the other bits alone.
   */
  USER_ACCOUNT_CONTROL,
  /**
   * Moves the entry into a disabled OU whose ACL refuses binds, and back to the users' base to
   * enable.
   */
  DISABLED_OU
}
