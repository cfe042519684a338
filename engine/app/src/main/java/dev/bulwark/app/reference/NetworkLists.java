package dev.bulwark.app.reference;

import static dev.bulwark.app.config.JsonColumns.instant;
import static dev.bulwark.app.config.JsonColumns.timestamp;

import dev.bulwark.app.config.JsonColumns;
import dev.bulwark.core.audit.AuditLog;
import dev.bulwark.rules.reference.NetworkRecords;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The anonymising and corporate network lists an admin set through the API, kept in the database so
 * they survive a restart and reach every node. A list set here replaces the default one (the
 * shipped list, the rules directory's file, the configuration) in the rules' reference data until
 * it is reset; the rules see it at their next evaluation. Each node polls the lists' revisions
 * ({@link #refresh()}) to pick up a change made on another node.
 */
@Service
public class NetworkLists {

  private static final Logger LOG = LoggerFactory.getLogger(NetworkLists.class);

  private final JdbcTemplate jdbc;
  private final ReferenceData reference;
  private final AuditLog audit;
  private final Clock clock;
  private final Map<NetworkList, Long> applied = new EnumMap<>(NetworkList.class);

  NetworkLists(JdbcTemplate jdbc, ReferenceData reference, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.reference = reference;
    this.audit = audit;
    this.clock = clock;
    refresh();
  }

  /** What a list holds now and where it comes from. */
  public record View(
      NetworkList list,
      boolean fromApi,
      long revision,
      Instant updatedAt,
      String updatedBy,
      List<Map<String, Object>> entries) {

    public Map<String, Object> document() {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("list", list.key());
      document.put("source", fromApi ? "api" : "default");
      document.put("revision", revision);
      document.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
      document.put("updatedBy", updatedBy);
      document.put("entries", entries);
      return document;
    }
  }

  /**
   * Replaces a list with these entries (a JSON array, validated by the caller with {@link
   * NetworkRecords}); the rules see it once the transaction commits, other nodes at their next
   * refresh.
   */
  @Transactional
  public synchronized View replace(NetworkList list, String entries, String by) {
    int count = apply(list, entries);
    write(list, entries, by);
    audit.record(
        "reference.networks.replaced", list.key(), Map.of("entries", count, "source", "api"));
    LOG.info(
        "BULWARK-3030 {} networks replaced through the API by {}: {} entries",
        list.key(),
        by,
        count);
    return view(list);
  }

  /** Goes back to the default list. */
  @Transactional
  public synchronized View reset(NetworkList list, String by) {
    apply(list, null);
    write(list, null, by);
    audit.record("reference.networks.reset", list.key(), Map.of("source", "default"));
    LOG.info("BULWARK-3031 {} networks reset to the default by {}", list.key(), by);
    return view(list);
  }

  public View view(NetworkList list) {
    return jdbc.query(
        "SELECT entries, revision, updated_at, updated_by FROM network_list WHERE name = ?",
        rs -> {
          rs.next();
          return new View(
              list,
              rs.getString("entries") != null,
              rs.getLong("revision"),
              rs.getTimestamp("updated_at") == null ? null : instant(rs, "updated_at"),
              rs.getString("updated_by"),
              inForce(list));
        },
        list.key());
  }

  /** Applies every list whose revision changed since this node last applied it. */
  public synchronized void refresh() {
    Map<String, Long> revisions = new LinkedHashMap<>();
    jdbc.query(
        "SELECT name, revision FROM network_list",
        rs -> {
          revisions.put(rs.getString("name"), rs.getLong("revision"));
        });
    for (NetworkList list : NetworkList.values()) {
      Long revision = revisions.get(list.key());
      if (revision != null && !revision.equals(applied.get(list))) {
        String entries =
            jdbc.queryForObject(
                "SELECT entries FROM network_list WHERE name = ?", String.class, list.key());
        int count = apply(list, entries);
        applied.put(list, revision);
        LOG.info(
            "BULWARK-3032 {} networks at revision {}: {}",
            list.key(),
            revision,
            entries == null ? "the default list" : count + " entries set through the API");
      }
    }
  }

  private void write(NetworkList list, String entries, String by) {
    jdbc.update(
        "UPDATE network_list SET entries = ?, revision = revision + 1, updated_at = ?,"
            + " updated_by = ? WHERE name = ?",
        entries == null ? null : JsonColumns.write(normalised(list, entries)),
        timestamp(clock.instant()),
        by,
        list.key());
    applied.put(
        list,
        jdbc.queryForObject(
            "SELECT revision FROM network_list WHERE name = ?", Long.class, list.key()));
  }

  /** Hands the entries (or the default, for {@code null}) to the rules; returns their count. */
  private int apply(NetworkList list, String entries) {
    switch (list) {
      case ANONYMISING -> {
        reference.overrideAnonymisingNetworks(
            entries == null ? null : NetworkRecords.anonymising(entries));
        return reference.anonymisingNetworks().size();
      }
      case CORPORATE -> {
        reference.overrideCorporateNetworks(
            entries == null ? null : NetworkRecords.corporate(entries));
        return reference.corporateNetworks().size();
      }
      default -> throw new IllegalStateException("unknown network list " + list);
    }
  }

  private List<Map<String, Object>> inForce(NetworkList list) {
    return switch (list) {
      case ANONYMISING ->
          reference.anonymisingNetworks().entries().stream().map(NetworkRecords::document).toList();
      case CORPORATE ->
          reference.corporateNetworks().entries().stream().map(NetworkRecords::document).toList();
    };
  }

  /** The entries as stored: the parsed form, so the database never holds an unknown field. */
  private static List<Map<String, Object>> normalised(NetworkList list, String entries) {
    return switch (list) {
      case ANONYMISING ->
          NetworkRecords.anonymising(entries).entries().stream()
              .map(NetworkRecords::document)
              .toList();
      case CORPORATE ->
          NetworkRecords.corporate(entries).entries().stream()
              .map(NetworkRecords::document)
              .toList();
    };
  }
}
