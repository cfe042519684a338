package dev.bulwark.connectors.ldap;

import dev.bulwark.connectors.support.ConnectorPolicy;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import javax.naming.directory.DirContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory (OpenLDAP or Active Directory) as identity provider: disable and enable accounts in
 * the configured {@link LdapDisableMode}. The target is the value of the user attribute ({@code
 * uid} or {@code sAMAccountName}).
 */
public final class LdapDirectoryRoutes extends ProviderRoutes {

  private static final Logger log = LoggerFactory.getLogger(LdapDirectoryRoutes.class);

  /** The ppolicy value meaning "locked by an administrator until unlocked". */
  static final String LOCKED_FOREVER = "000001010000Z";

  /** {@code userAccountControl} bit 2: ACCOUNTDISABLE. */
  static final int ACCOUNT_DISABLE = 0x2;

  /** {@code userAccountControl} of a normal enabled account, when the entry has none. */
  static final int NORMAL_ACCOUNT = 0x200;

  private final LdapSettings settings;
  private final LdapDirectory directory;

  public LdapDirectoryRoutes(LdapSettings settings, Set<ActionType> actions) {
    super(
        LdapSettings.PROVIDER,
        actions,
        new ConnectorPolicy(LdapSettings.PROVIDER, settings.policy()),
        settings.dryRun());
    this.settings = settings;
    this.directory = new LdapDirectory(settings);
  }

  @Override
  protected Set<ActionType> supported() {
    return EnumSet.of(ActionType.DISABLE_ACCOUNT, ActionType.ENABLE_ACCOUNT);
  }

  @Override
  protected ActionResult perform(ActionRequest request) {
    boolean disable = request.type() == ActionType.DISABLE_ACCOUNT;
    LdapDirectory.Entry entry = directory.find(request.target());
    boolean changed =
        switch (settings.mode()) {
          case PPOLICY_LOCK -> lock(entry, disable);
          case USER_ACCOUNT_CONTROL -> userAccountControl(entry, disable);
          case DISABLED_OU -> move(entry, disable);
        };
    String verb = disable ? "disabled" : "enabled";
    log.info(
        "BULWARK-5201 ldap {} {} ({}, changed: {})", verb, entry.dn(), settings.mode(), changed);
    return changed
        ? done(verb + " " + entry.dn() + " (" + settings.mode() + ")")
        : unchanged(entry.dn() + " was already " + verb + " (" + settings.mode() + ")");
  }

  /**
   * A disable or enable left PENDING happened when the entry now is as asked in the configured
   * mode; completed DONE, as the directory cannot say who changed it.
   */
  @Override
  protected Optional<ActionResult> current(ActionRequest request) {
    boolean disable = request.type() == ActionType.DISABLE_ACCOUNT;
    LdapDirectory.Entry entry = directory.find(request.target());
    if (disabled(entry) != disable) {
      return Optional.empty();
    }
    return Optional.of(
        done(
            entry.dn()
                + " found "
                + (disable ? "disabled" : "enabled")
                + " ("
                + settings.mode()
                + ") on lookup"));
  }

  /** Whether the entry is disabled in the configured mode. */
  private boolean disabled(LdapDirectory.Entry entry) {
    return switch (settings.mode()) {
      case PPOLICY_LOCK -> entry.value("pwdAccountLockedTime").isPresent();
      case USER_ACCOUNT_CONTROL ->
          (entry.value("userAccountControl").map(Integer::parseInt).orElse(NORMAL_ACCOUNT)
                  & ACCOUNT_DISABLE)
              != 0;
      case DISABLED_OU ->
          entry.dn().substring(entry.dn().indexOf(',') + 1).equalsIgnoreCase(settings.disabledOu());
    };
  }

  private boolean lock(LdapDirectory.Entry entry, boolean disable) {
    boolean locked = entry.value("pwdAccountLockedTime").isPresent();
    if (disable == locked) {
      return false;
    }
    if (disable) {
      directory.modify(
          entry.dn(), DirContext.REPLACE_ATTRIBUTE, "pwdAccountLockedTime", LOCKED_FOREVER);
    } else {
      directory.modify(entry.dn(), DirContext.REMOVE_ATTRIBUTE, "pwdAccountLockedTime", null);
    }
    return true;
  }

  private boolean userAccountControl(LdapDirectory.Entry entry, boolean disable) {
    int current = entry.value("userAccountControl").map(Integer::parseInt).orElse(NORMAL_ACCOUNT);
    int wanted = disable ? current | ACCOUNT_DISABLE : current & ~ACCOUNT_DISABLE;
    if (wanted == current) {
      return false;
    }
    directory.modify(
        entry.dn(), DirContext.REPLACE_ATTRIBUTE, "userAccountControl", Integer.toString(wanted));
    return true;
  }

  private boolean move(LdapDirectory.Entry entry, boolean disable) {
    String parent = entry.dn().substring(entry.dn().indexOf(',') + 1);
    String wantedParent = disable ? settings.disabledOu() : settings.usersBase();
    if (parent.equalsIgnoreCase(wantedParent)) {
      return false;
    }
    directory.move(entry.dn(), wantedParent);
    return true;
  }

  @Override
  public void probe() {
    if (!dryRun()) {
      directory.probe();
    }
  }
}
