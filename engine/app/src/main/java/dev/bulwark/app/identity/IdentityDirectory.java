package dev.bulwark.app.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.bulwark.app.config.JsonColumns;
import dev.bulwark.rules.reference.Identity;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workforce as HR knows it: kept in the database so it survives a restart, and handed to the
 * rules' reference data on every change, so they see it at their next evaluation.
 */
@Service
public class IdentityDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(IdentityDirectory.class);

  private final JdbcTemplate jdbc;
  private final ReferenceData reference;
  private final Clock clock;

  IdentityDirectory(JdbcTemplate jdbc, ReferenceData reference, Clock clock) {
    this.jdbc = jdbc;
    this.reference = reference;
    this.clock = clock;
    reference.replaceIdentities(all());
    LOG.info("BULWARK-3010 loaded {} identity records", reference.identityCount());
  }

  /** Replaces every record with these; the rules see them once the transaction commits. */
  @Transactional
  public int replace(List<Identity> identities) {
    jdbc.update("DELETE FROM identity_record");
    for (Identity identity : identities) {
      jdbc.update(
          "INSERT INTO identity_record (user_name, document, updated_at) VALUES (?, ?, ?)",
          identity.userName(),
          JsonColumns.write(document(identity)),
          JsonColumns.timestamp(clock.instant()));
    }
    reference.replaceIdentities(identities);
    LOG.info("BULWARK-3011 replaced identity records: {} now", identities.size());
    return identities.size();
  }

  public List<Identity> all() {
    return jdbc.query(
        "SELECT document FROM identity_record ORDER BY user_name",
        (rs, row) -> identity(rs.getString("document")));
  }

  static Map<String, Object> document(Identity identity) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("user.name", identity.userName());
    document.put("user.email", identity.email());
    document.put("declared_country", identity.declaredCountry());
    document.put("hire_date", identity.hireDate() == null ? null : identity.hireDate().toString());
    document.put("department", identity.department());
    document.put("manager_email", identity.managerEmail());
    document.put("privileged", identity.privileged());
    return document;
  }

  private static Identity identity(String json) {
    Map<String, Object> document = JsonColumns.read(json, new TypeReference<>() {});
    Object hire = document.get("hire_date");
    return new Identity(
        (String) document.get("user.name"),
        (String) document.get("user.email"),
        (String) document.get("declared_country"),
        hire == null ? null : LocalDate.parse(hire.toString()),
        (String) document.get("department"),
        (String) document.get("manager_email"),
        Boolean.TRUE.equals(document.get("privileged")));
  }
}
