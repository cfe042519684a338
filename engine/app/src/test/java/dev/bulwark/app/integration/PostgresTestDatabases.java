package dev.bulwark.app.integration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh databases on the PostgreSQL server named by {@code bulwark.it.postgres.url} (the failsafe
 * {@code postgres} execution sets it): each test JVM creates its own {@code bulwark_it_<random>}
 * databases and drops them when it exits, because the server outlives the build. Each H2 database a
 * test configures stands for one of them, so that engines keep to themselves or share exactly as
 * they do on H2.
 */
public final class PostgresTestDatabases {

  /** Set by the build for the run against PostgreSQL; absent for the H2 run. */
  public static final String SERVER_URL = "bulwark.it.postgres.url";

  private static final List<String> CREATED = new ArrayList<>();
  private static final Map<String, String> BY_H2_DATABASE = new HashMap<>();

  private PostgresTestDatabases() {}

  /** Whether this test JVM runs the suite against PostgreSQL. */
  public static boolean enabled() {
    return System.getProperty(SERVER_URL) != null;
  }

  public static String user() {
    return System.getProperty("bulwark.it.postgres.user", "postgres");
  }

  public static String password() {
    return System.getProperty("bulwark.it.postgres.password", "");
  }

  /**
   * The database standing in for the H2 database of {@code h2Url}: created on first use, then the
   * same for every engine that names the same H2 database (on H2 they would share it too). The
   * options after {@code ;} do not change which database a URL names; an unnamed in-memory database
   * is private to whoever opens it, so it gets a fresh one each time.
   */
  public static synchronized String standInFor(String h2Url) {
    int options = h2Url.indexOf(';');
    String database = options < 0 ? h2Url : h2Url.substring(0, options);
    if (database.equals("jdbc:h2:mem:")) {
      return freshUrl();
    }
    return BY_H2_DATABASE.computeIfAbsent(database, name -> freshUrl());
  }

  /** A new empty database, for a test that needs the engine's state to itself. */
  public static synchronized String freshUrl() {
    if (!enabled()) {
      throw new IllegalStateException(
          "this test needs PostgreSQL: run it in the failsafe 'postgres' execution, which sets "
              + SERVER_URL);
    }
    String name = "bulwark_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name);
    if (CREATED.isEmpty()) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(PostgresTestDatabases::dropAll, "drop-test-databases"));
    }
    CREATED.add(name);
    return databaseUrl(name);
  }

  private static String databaseUrl(String name) {
    String server = System.getProperty(SERVER_URL);
    return server.substring(0, server.lastIndexOf('/') + 1) + name;
  }

  private static synchronized void dropAll() {
    for (String name : CREATED) {
      try {
        // The engines' own shutdown hooks close their pools concurrently with this one; a pool
        // that finds its database gone waits out its connection timeout and stalls the exit.
        awaitNoConnections(name, Duration.ofSeconds(15));
        // FORCE ends whatever connections are still open after that.
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (IllegalStateException e) {
        System.err.println("could not drop test database " + name + ": " + e.getMessage());
      }
    }
  }

  private static void awaitNoConnections(String name, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Connection connection =
            DriverManager.getConnection(System.getProperty(SERVER_URL), user(), password());
        PreparedStatement count =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ?")) {
      count.setString(1, name);
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = count.executeQuery()) {
          if (rs.next() && rs.getLong(1) == 0) {
            return;
          }
        }
        Thread.sleep(100);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not watch connections to " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void execute(String sql) {
    try (Connection connection =
            DriverManager.getConnection(System.getProperty(SERVER_URL), user(), password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          sql + " failed on " + System.getProperty(SERVER_URL) + ": " + e.getMessage(), e);
    }
  }
}
