package dev.bulwark.app.incident;

import static dev.bulwark.app.config.JsonColumns.instant;
import static dev.bulwark.app.config.JsonColumns.timestamp;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.bulwark.app.config.JsonColumns;
import dev.bulwark.core.audit.AuditLog;
import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.IncidentStore;
import dev.bulwark.core.incident.PlaybookRef;
import dev.bulwark.core.incident.PlaybookRef.PlaybookState;
import dev.bulwark.core.incident.Severity;
import dev.bulwark.core.incident.TimelineEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Incidents, their alerts and their timelines in the engine's database. */
@Repository
class JdbcIncidentStore implements IncidentStore {

  static final String COLUMNS =
      "id, title, severity, status, created_at, updated_at, correlation_key, rule_ids, risk_score,"
          + " alert_count, entities, playbook_key, process_instance_id, playbook_state";

  private final JdbcTemplate jdbc;
  private final AuditLog audit;

  JdbcIncidentStore(JdbcTemplate jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  @Override
  public Optional<Incident> findOpen(String correlationKey) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM incident WHERE correlation_key = ? AND status = 'OPEN'",
            JdbcIncidentStore::incident,
            correlationKey)
        .stream()
        .findFirst();
  }

  @Override
  public Optional<Incident> find(String id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM incident WHERE id = ?", JdbcIncidentStore::incident, id)
        .stream()
        .findFirst();
  }

  @Override
  public void insert(Incident incident) {
    jdbc.update(
        "INSERT INTO incident (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        incident.id(),
        incident.title(),
        incident.severity().name(),
        incident.status().name(),
        timestamp(incident.createdAt()),
        timestamp(incident.updatedAt()),
        incident.correlationKey(),
        JsonColumns.write(incident.ruleIds()),
        incident.riskScore(),
        incident.alertCount(),
        JsonColumns.write(incident.entities()),
        incident.playbook().key(),
        incident.playbook().processInstanceId(),
        incident.playbook().state().name());
    audit.record("incident.opened", incident.id(), auditDetails(incident));
  }

  private static Map<String, Object> auditDetails(Incident incident) {
    return Map.of(
        "title", incident.title(),
        "severity", incident.severity().name(),
        "status", incident.status().name(),
        "alertCount", incident.alertCount(),
        "riskScore", incident.riskScore(),
        "playbook", String.valueOf(incident.playbook().key()) + ":" + incident.playbook().state());
  }

  @Override
  public void update(Incident incident) {
    jdbc.update(
        "UPDATE incident SET title = ?, severity = ?, status = ?, updated_at = ?, rule_ids = ?,"
            + " risk_score = ?, alert_count = ?, entities = ?, playbook_key = ?,"
            + " process_instance_id = ?, playbook_state = ? WHERE id = ?",
        incident.title(),
        incident.severity().name(),
        incident.status().name(),
        timestamp(incident.updatedAt()),
        JsonColumns.write(incident.ruleIds()),
        incident.riskScore(),
        incident.alertCount(),
        JsonColumns.write(incident.entities()),
        incident.playbook().key(),
        incident.playbook().processInstanceId(),
        incident.playbook().state().name(),
        incident.id());
    audit.record("incident.changed", incident.id(), auditDetails(incident));
  }

  @Override
  public List<Long> attachAlerts(String incidentId, List<Long> alertSeqs) {
    List<Long> attached = new ArrayList<>();
    for (Long seq : alertSeqs) {
      int inserted =
          jdbc.update(
              "INSERT INTO incident_alert (incident_id, alert_seq) SELECT ?, ? WHERE NOT EXISTS"
                  + " (SELECT 1 FROM incident_alert WHERE incident_id = ? AND alert_seq = ?)",
              incidentId,
              seq,
              incidentId,
              seq);
      if (inserted > 0) {
        attached.add(seq);
      }
    }
    return attached;
  }

  @Override
  public void addTimeline(String incidentId, TimelineEntry entry) {
    jdbc.update(
        "INSERT INTO incident_timeline (incident_id, at, kind, summary, details)"
            + " VALUES (?, ?, ?, ?, ?)",
        incidentId,
        timestamp(entry.at()),
        entry.kind(),
        entry.summary().length() > 1000 ? entry.summary().substring(0, 1000) : entry.summary(),
        JsonColumns.write(entry.details()));
  }

  @Override
  public List<TimelineEntry> timeline(String incidentId) {
    return jdbc.query(
        "SELECT at, kind, summary, details FROM incident_timeline WHERE incident_id = ?"
            + " ORDER BY at, id",
        (rs, row) ->
            new TimelineEntry(
                instant(rs, "at"),
                rs.getString("kind"),
                rs.getString("summary"),
                JsonColumns.read(
                    rs.getString("details"), new TypeReference<Map<String, Object>>() {})),
        incidentId);
  }

  @Override
  public Page page(int page, int size) {
    Long total = jdbc.queryForObject("SELECT COUNT(*) FROM incident", Long.class);
    List<Incident> items =
        jdbc.query(
            "SELECT "
                + COLUMNS
                + " FROM incident ORDER BY created_at DESC, id"
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
            JdbcIncidentStore::incident,
            (long) page * size,
            size);
    return new Page(items, total == null ? 0 : total);
  }

  @Override
  public List<Incident> pendingPlaybooks(int skip, int max) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM incident WHERE playbook_state = 'PENDING'"
            + " ORDER BY created_at, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
        JdbcIncidentStore::incident,
        skip,
        max);
  }

  static Incident incident(ResultSet rs, int row) throws SQLException {
    return new Incident(
        rs.getString("id"),
        rs.getString("title"),
        Severity.valueOf(rs.getString("severity")),
        IncidentStatus.valueOf(rs.getString("status")),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        rs.getString("correlation_key"),
        JsonColumns.read(rs.getString("rule_ids"), new TypeReference<List<String>>() {}),
        rs.getInt("risk_score"),
        rs.getInt("alert_count"),
        JsonColumns.read(rs.getString("entities"), new TypeReference<Entities>() {}),
        new PlaybookRef(
            rs.getString("playbook_key"),
            rs.getString("process_instance_id"),
            PlaybookState.valueOf(rs.getString("playbook_state"))));
  }
}
