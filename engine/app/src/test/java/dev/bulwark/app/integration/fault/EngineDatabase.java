package dev.bulwark.app.integration.fault;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL database of its own for the engines one fault test starts, on the local server: the
 * fault tests run their engines as processes that outlive a {@code kill -9}, so their state must be
 * in a server, not in an embedded H2. Dropped (with whatever connections a killed engine left) on
 * {@link #close()}.
 */
final class EngineDatabase implements AutoCloseable {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String USER = "postgres";

  private final String name;

  private EngineDatabase(String name) {
    this.name = name;
  }

  /** Creates {@code bulwark_<prefix>_<unique>}. */
  static EngineDatabase create(String prefix) {
    EngineDatabase database =
        new EngineDatabase("bulwark_" + prefix + "_" + Long.toHexString(System.nanoTime()));
    database.onServer("CREATE DATABASE " + database.name);
    return database;
  }

  /**
   * The arguments that put an engine on this database, with its files in {@code dataDir}, followed
   * by the test's own.
   */
  List<String> engineArguments(Path dataDir, String... more) {
    List<String> arguments = new ArrayList<>();
    arguments.add("--spring.datasource.url=" + SERVER + name);
    arguments.add("--spring.datasource.username=" + USER);
    arguments.add("--spring.datasource.password=");
    arguments.add("--bulwark.data-dir=" + dataDir);
    arguments.addAll(List.of(more));
    return arguments;
  }

  /** Ends every connection to this database, as a database restart or a failover would. */
  void terminateConnections() {
    onServer(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + name
            + "' AND pid <> pg_backend_pid()");
  }

  /** One row of a {@link #query} result. */
  interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  /** Reads what the engines wrote, row by row. */
  void query(String sql, Row row) {
    try (Connection c = DriverManager.getConnection(SERVER + name, USER, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        row.read(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    onServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** Runs a statement from the server's maintenance database, outside this one. */
  private void onServer(String sql) {
    try (Connection c = DriverManager.getConnection(SERVER + "test", USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
    }
  }
}
