package dev.bulwark.app.elasticsearch.source;

import static dev.bulwark.app.config.JsonColumns.timestamp;

import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.bulwark.app.config.JsonColumns;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the source stopped reading each index pattern: the sort values ({@code @timestamp}, then
 * the tiebreaker) of the last document journaled. Kept in the engine's database so a restart
 * continues after that document.
 */
public class SourceCursorStore {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public SourceCursorStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The sort values to search after; empty when the pattern was never read. */
  public List<FieldValue> load(String indexPattern) {
    List<String> stored =
        jdbc.queryForList(
            "SELECT sort_values FROM es_source_cursor WHERE index_pattern = ?",
            String.class,
            indexPattern);
    if (stored.isEmpty()) {
      return List.of();
    }
    List<Object> values = JsonColumns.read(stored.get(0), new TypeReference<List<Object>>() {});
    List<FieldValue> cursor = new ArrayList<>(values.size());
    for (Object value : values) {
      cursor.add(fieldValue(value));
    }
    return cursor;
  }

  public void save(String indexPattern, List<FieldValue> sortValues) {
    List<Object> values = new ArrayList<>(sortValues.size());
    for (FieldValue value : sortValues) {
      values.add(value.isNull() ? null : value._get());
    }
    String json = JsonColumns.write(values);
    var now = timestamp(clock.instant());
    int updated =
        jdbc.update(
            "UPDATE es_source_cursor SET sort_values = ?, updated_at = ? WHERE index_pattern = ?",
            json,
            now,
            indexPattern);
    if (updated == 0) {
      jdbc.update(
          "INSERT INTO es_source_cursor (index_pattern, sort_values, updated_at) VALUES (?, ?, ?)",
          indexPattern,
          json,
          now);
    }
  }

  private static FieldValue fieldValue(Object value) {
    if (value == null) {
      return FieldValue.NULL;
    }
    if (value instanceof String text) {
      return FieldValue.of(text);
    }
    if (value instanceof Boolean flag) {
      return FieldValue.of(flag);
    }
    if (value instanceof Integer || value instanceof Long) {
      return FieldValue.of(((Number) value).longValue());
    }
    if (value instanceof Number number) {
      return FieldValue.of(number.doubleValue());
    }
    throw new IllegalStateException("stored cursor value of unexpected type: " + value);
  }
}
