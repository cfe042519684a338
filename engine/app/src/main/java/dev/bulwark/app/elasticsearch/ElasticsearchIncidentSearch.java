package dev.bulwark.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.app.incident.IncidentQuery;
import dev.bulwark.app.incident.IncidentSearch;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.IncidentStore;
import dev.bulwark.core.incident.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incident search in {@code bulwark-incidents}: full text over the title, the entities and the
 * alert and rule summaries, filters on status, severity and creation time. The hits are read back
 * from the database, so the answer has the same shape (and the latest state) as the plain list.
 * When the cluster cannot be asked, the database answers instead.
 */
public class ElasticsearchIncidentSearch implements IncidentSearch {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchIncidentSearch.class);
  private static final List<String> TEXT_FIELDS =
      List.of(
          "incident.title^3",
          "incident.signals",
          "related.user^2",
          "related.user.text",
          "related.hosts^2",
          "related.hosts.text",
          "related.ip",
          "incident.id");

  private final ElasticsearchClient client;
  private final IncidentStore store;
  private final IncidentSearch fallback;

  public ElasticsearchIncidentSearch(
      ElasticsearchClient client, IncidentStore store, IncidentSearch fallback) {
    this.client = client;
    this.store = store;
    this.fallback = fallback;
  }

  @Override
  public IncidentStore.Page search(IncidentQuery query) {
    SearchResponse<ObjectNode> response;
    try {
      response =
          client.search(
              s ->
                  s.index("bulwark-incidents")
                      .from(query.page() * query.size())
                      .size(query.size())
                      .trackTotalHits(t -> t.enabled(true))
                      .source(src -> src.fetch(false))
                      .sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Desc)))
                      .sort(o -> o.field(f -> f.field("incident.id").order(SortOrder.Asc)))
                      .query(q -> q.bool(b -> bool(b, query))),
              ObjectNode.class);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "BULWARK-6201 incident search in Elasticsearch failed, answering from the database: {}",
          e.getMessage());
      return fallback.search(query);
    }
    List<Incident> items = new ArrayList<>();
    for (Hit<ObjectNode> hit : response.hits().hits()) {
      Optional<Incident> incident = store.find(hit.id());
      incident.ifPresent(items::add);
    }
    long total = response.hits().total() == null ? items.size() : response.hits().total().value();
    return new IncidentStore.Page(items, total);
  }

  private static BoolQuery.Builder bool(BoolQuery.Builder bool, IncidentQuery query) {
    if (query.text() != null) {
      bool.must(
          m ->
              m.simpleQueryString(
                  sq ->
                      sq.query(query.text())
                          .fields(TEXT_FIELDS)
                          .defaultOperator(Operator.And)
                          .lenient(true)));
    }
    if (!query.statuses().isEmpty()) {
      bool.filter(
          f ->
              f.terms(
                  t ->
                      t.field("incident.status")
                          .terms(
                              v ->
                                  v.value(
                                      query.statuses().stream()
                                          .map(
                                              s -> FieldValue.of(s.name().toLowerCase(Locale.ROOT)))
                                          .toList()))));
    }
    if (!query.severities().isEmpty()) {
      bool.filter(
          f ->
              f.terms(
                  t ->
                      t.field("incident.severity")
                          .terms(
                              v ->
                                  v.value(
                                      query.severities().stream()
                                          .map(Severity::label)
                                          .map(FieldValue::of)
                                          .toList()))));
    }
    if (query.from() != null || query.to() != null) {
      bool.filter(
          f ->
              f.range(
                  r ->
                      r.date(
                          d -> {
                            d.field("@timestamp");
                            if (query.from() != null) {
                              d.gte(query.from().toString());
                            }
                            if (query.to() != null) {
                              d.lt(query.to().toString());
                            }
                            return d;
                          })));
    }
    return bool;
  }
}
