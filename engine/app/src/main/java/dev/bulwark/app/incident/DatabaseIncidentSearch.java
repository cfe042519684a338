package dev.bulwark.app.incident;

import static dev.bulwark.app.config.JsonColumns.timestamp;

import dev.bulwark.core.incident.IncidentStore;
import dev.bulwark.core.incident.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Incident search in the engine's database: each word of the text must appear (case-insensitive, as
 * a substring) in the title, the entities or an alert or rule summary on the timeline. Enough for a
 * laptop; with Elasticsearch configured, {@code ElasticsearchIncidentSearch} answers instead and
 * comes back here only when the cluster cannot be asked.
 */
@Component
public class DatabaseIncidentSearch implements IncidentSearch {

  private final JdbcTemplate jdbc;

  DatabaseIncidentSearch(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public IncidentStore.Page search(IncidentQuery query) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (!query.statuses().isEmpty()) {
      where.append(" AND i.status IN (").append(marks(query.statuses().size())).append(')');
      query.statuses().forEach(s -> args.add(s.name()));
    }
    if (!query.severities().isEmpty()) {
      where.append(" AND i.severity IN (").append(marks(query.severities().size())).append(')');
      query.severities().stream().map(Severity::name).forEach(args::add);
    }
    if (query.from() != null) {
      where.append(" AND i.created_at >= ?");
      args.add(timestamp(query.from()));
    }
    if (query.to() != null) {
      where.append(" AND i.created_at < ?");
      args.add(timestamp(query.to()));
    }
    if (query.text() != null) {
      for (String word : query.text().toLowerCase(Locale.ROOT).split("\\s+")) {
        String like = "%" + escape(word) + "%";
        where.append(
            " AND (LOWER(i.title) LIKE ? ESCAPE '!' OR LOWER(i.entities) LIKE ? ESCAPE '!'"
                + " OR EXISTS (SELECT 1 FROM incident_timeline t WHERE t.incident_id = i.id"
                + " AND t.kind IN ('alert', 'rule_hit') AND LOWER(t.summary) LIKE ? ESCAPE '!'))");
        args.add(like);
        args.add(like);
        args.add(like);
      }
    }
    Long total =
        jdbc.queryForObject("SELECT COUNT(*) FROM incident i" + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add((long) query.page() * query.size());
    pageArgs.add(query.size());
    var items =
        jdbc.query(
            "SELECT "
                + JdbcIncidentStore.COLUMNS
                + " FROM incident i"
                + where
                + " ORDER BY i.created_at DESC, i.id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
            JdbcIncidentStore::incident,
            pageArgs.toArray());
    return new IncidentStore.Page(items, total == null ? 0 : total);
  }

  private static String marks(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  /** LIKE wildcards in the user's words match themselves. */
  private static String escape(String word) {
    return word.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
