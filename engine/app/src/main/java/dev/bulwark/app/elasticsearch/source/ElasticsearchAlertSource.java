package dev.bulwark.app.elasticsearch.source;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.app.elasticsearch.ElasticsearchProperties;
import dev.bulwark.core.alert.IncomingAlert;
import dev.bulwark.core.journal.AlertJournal.AppendResult;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads an index pattern page by page in {@code @timestamp} order and journals what it reads. A
 * point-in-time keeps the pages of one pass consistent; {@code search_after} on {@code @timestamp}
 * and a unique tiebreaker, persisted after every page, is where the next pass (or the next run of
 * the engine) continues, so documents with equal timestamps are neither skipped nor read twice.
 *
 * <p>The cursor is saved after the page is committed to the journal: a crash in between re-reads
 * that page, and the journal's duplicate check drops what it already holds.
 */
public class ElasticsearchAlertSource {

  private final ElasticsearchClient client;
  private final ElasticsearchProperties.Source settings;
  private final SourceCursorStore cursors;
  private final RejectedDocuments rejected;
  private final Function<List<IncomingAlert>, AppendResult> journal;
  private final Clock clock;

  /** The cursor's sort keys: {@code @timestamp}, then the tiebreaker. */
  private static final int SORT_KEYS = 2;

  private final SecurityAlertMapper mapper = new SecurityAlertMapper();
  private final Query filter;

  private String pitId;
  private Instant passUpTo;

  public ElasticsearchAlertSource(
      ElasticsearchClient client,
      ElasticsearchProperties.Source settings,
      SourceCursorStore cursors,
      RejectedDocuments rejected,
      Function<List<IncomingAlert>, AppendResult> journal,
      Clock clock) {
    this.client = client;
    this.settings = settings;
    this.cursors = cursors;
    this.rejected = rejected;
    this.journal = journal;
    this.clock = clock;
    this.filter = parseFilter(settings.getQuery());
  }

  /** What one page did. {@code exhausted}: the pattern is read to its end for now. */
  public record Page(int read, int accepted, int duplicates, int rejected, boolean exhausted) {
    static Page empty() {
      return new Page(0, 0, 0, 0, true);
    }
  }

  /** True when at least one index matches the pattern. */
  public boolean indexExists() throws IOException {
    var resolved = client.indices().resolveIndex(r -> r.name(settings.getIndex()));
    return !resolved.indices().isEmpty()
        || !resolved.aliases().isEmpty()
        || !resolved.dataStreams().isEmpty();
  }

  /** Reads one page after the cursor, journals it and moves the cursor. */
  public Page pollOnce() throws IOException {
    if (pitId == null) {
      if (!indexExists()) {
        throw new IndexMissingException(settings.getIndex());
      }
      openPass();
    }
    SearchResponse<ObjectNode> response;
    try {
      response = search(cursors.load(settings.getIndex()));
    } catch (ElasticsearchException e) {
      if (e.status() != 404) {
        throw e;
      }
      // The point-in-time expired (a long back-pressure pause): start a new pass from the cursor.
      pitId = null;
      openPass();
      response = search(cursors.load(settings.getIndex()));
    }
    if (response.pitId() != null) {
      pitId = response.pitId();
    }
    List<Hit<ObjectNode>> hits = response.hits().hits();
    Page page = journal(hits);
    if (!hits.isEmpty()) {
      // Only @timestamp and the tiebreaker: a first page without search_after also gets an
      // implicit _shard_doc value, which is meaningless in the next point-in-time and would make it
      // return the last document again.
      cursors.save(settings.getIndex(), hits.get(hits.size() - 1).sort().subList(0, SORT_KEYS));
    }
    if (hits.size() < settings.getBatchSize()) {
      closePass();
      return new Page(page.read(), page.accepted(), page.duplicates(), page.rejected(), true);
    }
    return page;
  }

  /** Releases the point-in-time, if one is open. */
  public void close() {
    try {
      closePass();
    } catch (IOException | RuntimeException e) {
      // It expires on its own after the keep-alive.
      pitId = null;
    }
  }

  private Page journal(List<Hit<ObjectNode>> hits) {
    List<IncomingAlert> alerts = new ArrayList<>(hits.size());
    int rejectedCount = 0;
    for (Hit<ObjectNode> hit : hits) {
      try {
        alerts.add(mapper.map(hit.index(), hit.id(), hit.source()));
      } catch (RejectedDocumentException e) {
        rejected.keep(e, hit.source());
        rejectedCount++;
        SourceLog.rejected(e);
      }
    }
    AppendResult result = alerts.isEmpty() ? new AppendResult(0, 0) : journal.apply(alerts);
    return new Page(hits.size(), result.accepted(), result.duplicates(), rejectedCount, false);
  }

  private SearchResponse<ObjectNode> search(List<FieldValue> after) throws IOException {
    String keepAlive = settings.getKeepAlive().toSeconds() + "s";
    return client.search(
        s -> {
          s.pit(p -> p.id(pitId).keepAlive(k -> k.time(keepAlive)))
              .size(settings.getBatchSize())
              .trackTotalHits(t -> t.enabled(false))
              .sort(
                  o ->
                      o.field(
                          f ->
                              f.field("@timestamp")
                                  .order(SortOrder.Asc)
                                  .format("strict_date_optional_time_nanos")
                                  .unmappedType(FieldType.Date)))
              .sort(
                  o ->
                      o.field(
                          f ->
                              f.field(settings.getTiebreaker())
                                  .order(SortOrder.Asc)
                                  .unmappedType(FieldType.Keyword)))
              .query(q -> q.bool(b -> filters(b)));
          if (!after.isEmpty()) {
            s.searchAfter(after);
          }
          return s;
        },
        ObjectNode.class);
  }

  private co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery.Builder filters(
      co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery.Builder bool) {
    bool.filter(f -> f.range(r -> r.date(d -> d.field("@timestamp").lt(passUpTo.toString()))));
    if (filter != null) {
      bool.filter(filter);
    }
    return bool;
  }

  private void openPass() throws IOException {
    String keepAlive = settings.getKeepAlive().toSeconds() + "s";
    pitId =
        client
            .openPointInTime(o -> o.index(settings.getIndex()).keepAlive(k -> k.time(keepAlive)))
            .id();
    // Only documents old enough to be searchable for sure; newer ones wait for the next pass.
    passUpTo = clock.instant().minus(settings.getSettleTime());
  }

  private void closePass() throws IOException {
    if (pitId != null) {
      String id = pitId;
      pitId = null;
      client.closePointInTime(c -> c.id(id));
    }
  }

  private static Query parseFilter(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return Query.of(q -> q.withJson(new StringReader(json)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          ElasticsearchProperties.PREFIX
              + ".source.query must be one query in Elasticsearch query DSL JSON, e.g."
              + " {\"term\": {\"kibana.alert.workflow_status\": \"open\"}}; got "
              + json
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** No index matches the configured pattern. */
  public static class IndexMissingException extends RuntimeException {
    public IndexMissingException(String pattern) {
      super("no index matches " + pattern);
    }
  }
}
