package dev.bulwark.connectors.ldap;

import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import java.util.Hashtable;
import java.util.Optional;
import javax.naming.AuthenticationException;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NoPermissionException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** LDAP operations over JNDI, each on its own connection, errors turned into typed failures. */
final class LdapDirectory {

  /** The entry of one user: its DN and the attributes the modes read. */
  record Entry(String dn, Attributes attributes) {
    Optional<String> value(String attribute) {
      try {
        Attribute a = attributes.get(attribute);
        return a == null ? Optional.empty() : Optional.of(a.get().toString());
      } catch (NamingException e) {
        return Optional.empty();
      }
    }
  }

  @FunctionalInterface
  interface Work<T> {
    T run(DirContext context) throws NamingException;
  }

  private final LdapSettings settings;

  LdapDirectory(LdapSettings settings) {
    this.settings = settings;
  }

  /** Finds the user below the users' base or the disabled OU; a typed 404 if neither has it. */
  Entry find(String username) {
    return call(
        "find " + username,
        context -> {
          for (String base : bases()) {
            Optional<Entry> entry = search(context, base, username);
            if (entry.isPresent()) {
              return entry.get();
            }
          }
          throw new ConnectorFailure(
              LdapSettings.PROVIDER,
              FailureKind.NOT_FOUND,
              "no entry with "
                  + settings.userAttribute()
                  + "="
                  + username
                  + " under "
                  + String.join(" or ", bases()));
        });
  }

  void modify(String dn, int operation, String attribute, String value) {
    call(
        "modify " + attribute + " of " + dn,
        context -> {
          BasicAttribute changed =
              value == null ? new BasicAttribute(attribute) : new BasicAttribute(attribute, value);
          context.modifyAttributes(
              dn, new ModificationItem[] {new ModificationItem(operation, changed)});
          return null;
        });
  }

  /** Moves the entry under another parent, keeping its RDN; answers the new DN. */
  String move(String dn, String newParent) {
    return call(
        "move " + dn + " to " + newParent,
        context -> {
          LdapName name = new LdapName(dn);
          Rdn rdn = name.getRdn(name.size() - 1);
          String target = rdn + "," + newParent;
          context.rename(dn, target);
          return target;
        });
  }

  /** Binds as the service account: proves reachability and credentials. */
  void probe() {
    call("bind as " + settings.bindDn(), context -> null);
  }

  private String[] bases() {
    return settings.disabledOu() == null || settings.disabledOu().isBlank()
        ? new String[] {settings.usersBase()}
        : new String[] {settings.usersBase(), settings.disabledOu()};
  }

  private Optional<Entry> search(DirContext context, String base, String username)
      throws NamingException {
    SearchControls controls = new SearchControls();
    controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
    controls.setReturningAttributes(
        new String[] {"userAccountControl", "pwdAccountLockedTime", settings.userAttribute()});
    controls.setTimeLimit((int) settings.policy().timeout().toMillis());
    NamingEnumeration<SearchResult> results =
        context.search(
            base, "(" + settings.userAttribute() + "={0})", new Object[] {username}, controls);
    try {
      if (!results.hasMore()) {
        return Optional.empty();
      }
      SearchResult result = results.next();
      return Optional.of(new Entry(result.getNameInNamespace(), result.getAttributes()));
    } finally {
      results.close();
    }
  }

  private <T> T call(String operation, Work<T> work) {
    DirContext context = null;
    try {
      context = new InitialLdapContext(environment(), null);
      return work.run(context);
    } catch (AuthenticationException e) {
      throw failure(FailureKind.UNAUTHORIZED, operation, e);
    } catch (NoPermissionException e) {
      throw failure(FailureKind.FORBIDDEN, operation, e);
    } catch (javax.naming.NameNotFoundException e) {
      throw failure(FailureKind.NOT_FOUND, operation, e);
    } catch (CommunicationException e) {
      boolean timedOut =
          String.valueOf(e.getMessage()).contains("timed out")
              || e.getRootCause() instanceof java.net.SocketTimeoutException;
      throw failure(timedOut ? FailureKind.TIMEOUT : FailureKind.UNREACHABLE, operation, e);
    } catch (ServiceUnavailableException e) {
      throw failure(FailureKind.SERVER_ERROR, operation, e);
    } catch (NamingException e) {
      boolean timedOut = String.valueOf(e.getMessage()).contains("timed out");
      throw failure(timedOut ? FailureKind.TIMEOUT : FailureKind.REJECTED, operation, e);
    } finally {
      if (context != null) {
        try {
          context.close();
        } catch (NamingException ignored) {
          // closing a connection that failed
        }
      }
    }
  }

  private static ConnectorFailure failure(FailureKind kind, String operation, NamingException e) {
    return new ConnectorFailure(
        LdapSettings.PROVIDER, kind, operation + ": " + e.getExplanation(), null, e);
  }

  private Hashtable<String, Object> environment() {
    Hashtable<String, Object> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, settings.url());
    env.put(Context.SECURITY_AUTHENTICATION, "simple");
    env.put(Context.SECURITY_PRINCIPAL, settings.bindDn());
    env.put(Context.SECURITY_CREDENTIALS, settings.bindPassword().reveal());
    env.put(Context.REFERRAL, "ignore");
    String timeout = Long.toString(settings.policy().timeout().toMillis());
    env.put("com.sun.jndi.ldap.connect.timeout", timeout);
    env.put("com.sun.jndi.ldap.read.timeout", timeout);
    return env;
  }
}
