package dev.bulwark.app.elasticsearch.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Creates the sink's indices with explicit mappings (ECS names where they fit) before the first
 * document, so Kibana sees stable field types; the monthly audit indices get theirs from an index
 * template. An index that exists is left as it is.
 */
public class SearchIndices {

  private static final String AUDIT_TEMPLATE = "bulwark-audit";

  private final ElasticsearchClient client;

  public SearchIndices(ElasticsearchClient client) {
    this.client = client;
  }

  public void ensure() throws IOException {
    try (InputStream template = resource("bulwark-audit-template.json")) {
      client.indices().putIndexTemplate(t -> t.name(AUDIT_TEMPLATE).withJson(template));
    }
    create(SearchDocuments.INCIDENTS);
    create(SearchDocuments.ACTIONS);
  }

  private void create(String index) throws IOException {
    if (client.indices().exists(e -> e.index(index)).value()) {
      return;
    }
    try (InputStream definition = resource(index + ".json")) {
      client.indices().create(c -> c.index(index).withJson(definition));
    } catch (ElasticsearchException e) {
      // Another engine node created it in the meantime.
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        throw e;
      }
    }
  }

  private static InputStream resource(String name) {
    InputStream in = SearchIndices.class.getResourceAsStream("/elasticsearch/" + name);
    if (in == null) {
      throw new IllegalStateException("mapping /elasticsearch/" + name + " is missing");
    }
    return in;
  }
}
