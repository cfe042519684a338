package dev.bulwark.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * A real OpenLDAP {@code slapd} for integration tests, with the {@code ppolicy} overlay and ACLs
 * that refuse binds of disabled accounts (locked, {@code userAccountControl} bit 2, or in {@code
 * ou=disabled}). Installs Debian's {@code slapd} and {@code ldap-utils} when missing and running as
 * root; started once per JVM on a free loopback port, stopped with the JVM.
 */
public final class SlapdServer {

  public static final String BASE_DN = "dc=bulwark,dc=test";
  public static final String PEOPLE_DN = "ou=people," + BASE_DN;
  public static final String DISABLED_DN = "ou=disabled," + BASE_DN;
  public static final String ADMIN_DN = "cn=admin," + BASE_DN;
  public static final String ADMIN_PASSWORD = "admin-testkit";

  private static final Path SLAPD = Paths.get("/usr/sbin/slapd");
  private static final Path SLAPADD = Paths.get("/usr/sbin/slapadd");
  private static SlapdServer shared;

  private final int port;

  private SlapdServer(int port) {
    this.port = port;
  }

  /** The slapd of this JVM, started on first use. */
  public static synchronized SlapdServer shared() {
    if (shared == null) {
      installIfMissing();
      shared = start();
    }
    return shared;
  }

  /** e.g. {@code ldap://127.0.0.1:38990}. */
  public String url() {
    return "ldap://127.0.0.1:" + port;
  }

  /** Adds an enabled person under {@code ou=people} with {@code userAccountControl: 512}. */
  public String addUser(String uid, String password) {
    String dn = "uid=" + uid + "," + PEOPLE_DN;
    Attributes attributes = new BasicAttributes(true);
    BasicAttribute classes = new BasicAttribute("objectClass");
    classes.add("inetOrgPerson");
    classes.add("bulwarkAdAccount");
    attributes.put(classes);
    attributes.put("uid", uid);
    attributes.put("cn", uid);
    attributes.put("sn", "Test");
    attributes.put("userPassword", password);
    attributes.put("userAccountControl", "512");
    withAdmin(
        context -> {
          context.createSubcontext(dn, attributes).close();
          return null;
        });
    return dn;
  }

  /** Deletes an entry if it exists, so tests can start again from a known state. */
  public void deleteIfPresent(String dn) {
    withAdmin(
        context -> {
          try {
            context.destroySubcontext(dn);
          } catch (javax.naming.NameNotFoundException absent) {
            // already gone
          }
          return null;
        });
  }

  /** The LDAP result of a simple bind: 0 on success, 49 for invalid credentials. */
  public int bind(String dn, String password) {
    try {
      new InitialDirContext(environment(dn, password)).close();
      return 0;
    } catch (AuthenticationException e) {
      return 49;
    } catch (NamingException e) {
      throw new IllegalStateException("bind as " + dn + " failed unexpectedly: " + e, e);
    }
  }

  /** The values of one attribute of an entry (empty when absent). */
  public List<String> attribute(String dn, String name) {
    return withAdmin(
        context -> {
          var attribute = context.getAttributes(dn, new String[] {name}).get(name);
          if (attribute == null) {
            return List.of();
          }
          List<String> values = new java.util.ArrayList<>();
          for (int i = 0; i < attribute.size(); i++) {
            values.add(attribute.get(i).toString());
          }
          return values;
        });
  }

  /** True when the entry exists. */
  public boolean exists(String dn) {
    return withAdmin(
        context -> {
          try {
            context.getAttributes(dn, new String[] {"1.1"});
            return true;
          } catch (javax.naming.NameNotFoundException e) {
            return false;
          }
        });
  }

  private interface Work<T> {
    T run(DirContext context) throws NamingException;
  }

  private <T> T withAdmin(Work<T> work) {
    try {
      DirContext context = new InitialDirContext(environment(ADMIN_DN, ADMIN_PASSWORD));
      try {
        return work.run(context);
      } finally {
        context.close();
      }
    } catch (NamingException e) {
      throw new IllegalStateException("LDAP operation on " + url() + " failed: " + e, e);
    }
  }

  private Hashtable<String, Object> environment(String dn, String password) {
    Hashtable<String, Object> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, url());
    env.put(Context.SECURITY_AUTHENTICATION, "simple");
    env.put(Context.SECURITY_PRINCIPAL, dn);
    env.put(Context.SECURITY_CREDENTIALS, password);
    return env;
  }

  private static void installIfMissing() {
    if (Files.isExecutable(SLAPD) && Files.isExecutable(SLAPADD)) {
      return;
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException(
          "slapd is not installed: run `apt-get install slapd ldap-utils` (as root) first");
    }
    // policy-rc.d style: the package must not start a system slapd on port 389.
    run(List.of("apt-get", "update", "-qq"));
    run(List.of("apt-get", "install", "-y", "-qq", "slapd", "ldap-utils"));
  }

  private static void run(List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      builder.environment().put("RUNLEVEL", "1");
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  private static SlapdServer start() {
    try {
      Path work = Files.createTempDirectory("bulwark-slapd-");
      Files.createDirectories(work.resolve("db"));
      copy("ad-lite.schema", work, Map.of());
      copy(
          "slapd.conf",
          work,
          Map.of("${WORK}", work.toString(), "${ADMIN_PASSWORD}", ADMIN_PASSWORD));
      copy("base.ldif", work, Map.of());
      run(
          List.of(
              SLAPADD.toString(),
              "-f",
              work.resolve("slapd.conf").toString(),
              "-l",
              work.resolve("base.ldif").toString()));
      int port = freePort();
      // -d 0: stay in the foreground (so the process can be tied to this JVM), log nothing.
      TiedProcess process =
          TiedProcess.start(
              List.of(
                  SLAPD.toString(),
                  "-f",
                  work.resolve("slapd.conf").toString(),
                  "-h",
                  "ldap://127.0.0.1:" + port + "/",
                  "-d",
                  "0"),
              work,
              Map.of(),
              work.resolve("slapd.log"));
      awaitListening(process, port);
      return new SlapdServer(port);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start slapd", e);
    }
  }

  private static void awaitListening(TiedProcess process, int port) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("slapd exited during start:\n" + process.logTail());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for slapd", e);
        }
      }
    }
    process.stop();
    throw new IllegalStateException("slapd not listening after 30 s:\n" + process.logTail());
  }

  private static void copy(String resource, Path work, Map<String, String> replacements)
      throws IOException {
    try (InputStream in = SlapdServer.class.getResourceAsStream("slapd/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource slapd/" + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (var replacement : replacements.entrySet()) {
        text = text.replace(replacement.getKey(), replacement.getValue());
      }
      Files.writeString(work.resolve(resource), text);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
