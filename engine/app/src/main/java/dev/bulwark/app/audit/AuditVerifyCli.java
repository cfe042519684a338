package dev.bulwark.app.audit;

import dev.bulwark.core.audit.AuditVerification;
import dev.bulwark.core.audit.AuditVerifier;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the audit chain straight from the database, without starting the engine:
 *
 * <pre>
 * java -cp bulwark.jar -Dloader.main=dev.bulwark.app.audit.AuditVerifyCli \
 *      org.springframework.boot.loader.launch.PropertiesLauncher \
 *      --url=jdbc:postgresql://db/bulwark --user=auditor --password=...
 * </pre>
 *
 * Exit status 0: the chain holds; 1: it is broken (the first break is printed); 2: could not check.
 * Compare the printed head hash with one kept elsewhere to catch records cut off the end.
 */
public final class AuditVerifyCli {

  private AuditVerifyCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  public static int run(String[] args, PrintStream out) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        out.println("usage: --url=<jdbc url> [--user=<name>] [--password=<secret>]");
        return 2;
      }
      options.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    if (!options.containsKey("url")) {
      out.println("usage: --url=<jdbc url> [--user=<name>] [--password=<secret>]");
      return 2;
    }
    AuditVerifier verifier = new AuditVerifier();
    try (Connection connection =
            DriverManager.getConnection(
                options.get("url"),
                options.getOrDefault("user", ""),
                options.getOrDefault("password", ""));
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM audit_log ORDER BY seq")) {
      while (rs.next()) {
        verifier.accept(JdbcAuditLog.auditRecord(rs, rs.getRow()));
      }
    } catch (SQLException e) {
      out.println("could not read the audit log: " + e.getMessage());
      return 2;
    }
    AuditVerification result = verifier.result();
    if (result.valid()) {
      out.println(
          "audit chain OK: "
              + result.records()
              + " records, head "
              + result.headSeq()
              + " "
              + result.headHash());
      return 0;
    }
    out.println(
        "audit chain BROKEN at record "
            + result.brokenAt()
            + ": "
            + result.problem()
            + " ("
            + result.records()
            + " records verified before it)");
    return 1;
  }
}
