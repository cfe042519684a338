package dev.bulwark.app.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.bulwark.app.elasticsearch.sink.JdbcSearchOutbox;
import dev.bulwark.app.elasticsearch.sink.OutboxFeed;
import dev.bulwark.app.elasticsearch.sink.OutboxFlusher;
import dev.bulwark.app.elasticsearch.sink.SearchDocuments;
import dev.bulwark.app.elasticsearch.sink.SearchIndices;
import dev.bulwark.app.elasticsearch.sink.SearchOutbox;
import dev.bulwark.app.elasticsearch.sink.SinkWorker;
import dev.bulwark.app.elasticsearch.source.AlertSourceWorker;
import dev.bulwark.app.elasticsearch.source.ElasticsearchAlertSource;
import dev.bulwark.app.elasticsearch.source.RejectedDocuments;
import dev.bulwark.app.elasticsearch.source.SourceCursorStore;
import dev.bulwark.app.incident.DatabaseIncidentSearch;
import dev.bulwark.app.intake.AlertIntake;
import dev.bulwark.core.incident.IncidentStore;
import dev.bulwark.core.journal.AlertJournal;
import java.time.Clock;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Elasticsearch, when {@code bulwark.elasticsearch.uris} is set: the client, the search sink (on by
 * default) and the alert source (off unless enabled). Without uris none of these beans exist, so
 * nothing connects and nothing is logged.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnElasticsearchConfigured.class)
@EnableConfigurationProperties(ElasticsearchProperties.class)
class ElasticsearchConfiguration {

  @Bean(destroyMethod = "close")
  RestClient elasticsearchRestClient(ElasticsearchProperties properties) {
    HttpHost[] hosts =
        properties.getUris().stream()
            .filter(uri -> !uri.isBlank())
            .map(HttpHost::create)
            .toArray(HttpHost[]::new);
    RestClientBuilder builder = RestClient.builder(hosts);
    if (properties.getApiKey() != null && !properties.getApiKey().isBlank()) {
      builder.setDefaultHeaders(
          new Header[] {new BasicHeader("Authorization", "ApiKey " + properties.getApiKey())});
    } else if (properties.getUsername() != null && !properties.getUsername().isBlank()) {
      BasicCredentialsProvider credentials = new BasicCredentialsProvider();
      credentials.setCredentials(
          AuthScope.ANY,
          new UsernamePasswordCredentials(properties.getUsername(), properties.getPassword()));
      builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
    }
    return builder.build();
  }

  @Bean
  ElasticsearchClient elasticsearchClient(RestClient restClient) {
    return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
  }

  /** Incidents, actions and audit events for search, through the outbox. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(OnElasticsearchConfigured.class) // component scanning finds nested classes too
  @ConditionalOnProperty(
      prefix = ElasticsearchProperties.PREFIX + ".sink",
      name = "enabled",
      matchIfMissing = true)
  static class Sink {

    @Bean
    static OutboxFeed searchOutboxFeed(
        ObjectProvider<SearchOutbox> outbox,
        ObjectProvider<TransactionTemplate> transactions,
        Environment environment) {
      return new OutboxFeed(
          outbox,
          transactions,
          environment.getProperty(
              ElasticsearchProperties.PREFIX + ".sink.audit-from-timeline", Boolean.class, true));
    }

    @Bean
    JdbcSearchOutbox searchOutbox(JdbcTemplate jdbc, Clock clock) {
      return new JdbcSearchOutbox(jdbc, clock);
    }

    @Bean
    OutboxFlusher outboxFlusher(
        ElasticsearchClient client, JdbcTemplate jdbc, Clock clock, ElasticsearchProperties p) {
      return new OutboxFlusher(
          client,
          jdbc,
          new SearchDocuments(new NamedParameterJdbcTemplate(jdbc)),
          clock,
          p.getSink().getBatchSize(),
          p.getSink().getMaxAttempts());
    }

    @Bean
    WorkerHealth elasticsearchSinkHealthIndicator() {
      return new WorkerHealth();
    }

    @Bean
    SinkWorker elasticsearchSinkWorker(
        OutboxFlusher flusher,
        ElasticsearchClient client,
        ElasticsearchProperties properties,
        @Qualifier("elasticsearchSinkHealthIndicator") WorkerHealth health) {
      return new SinkWorker(flusher, new SearchIndices(client), properties, health);
    }

    @Bean
    ElasticsearchIncidentSearch elasticsearchIncidentSearch(
        ElasticsearchClient client, IncidentStore store, DatabaseIncidentSearch database) {
      return new ElasticsearchIncidentSearch(client, store, database);
    }
  }

  /** Alerts pulled from the SIEM into the journal. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(OnElasticsearchConfigured.class)
  @ConditionalOnProperty(prefix = ElasticsearchProperties.PREFIX + ".source", name = "enabled")
  static class Source {

    @Bean
    SourceCursorStore elasticsearchSourceCursors(JdbcTemplate jdbc, Clock clock) {
      return new SourceCursorStore(jdbc, clock);
    }

    @Bean
    RejectedDocuments elasticsearchRejectedDocuments(JdbcTemplate jdbc, Clock clock) {
      return new RejectedDocuments(jdbc, clock);
    }

    @Bean
    ElasticsearchAlertSource elasticsearchAlertSource(
        ElasticsearchClient client,
        ElasticsearchProperties properties,
        SourceCursorStore cursors,
        RejectedDocuments rejected,
        AlertIntake intake,
        Clock clock) {
      return new ElasticsearchAlertSource(
          client, properties.getSource(), cursors, rejected, intake::acceptValidated, clock);
    }

    @Bean
    WorkerHealth elasticsearchSourceHealthIndicator() {
      return new WorkerHealth();
    }

    @Bean
    AlertSourceWorker elasticsearchSourceWorker(
        ElasticsearchAlertSource source,
        AlertJournal journal,
        ElasticsearchProperties properties,
        @Qualifier("elasticsearchSourceHealthIndicator") WorkerHealth health) {
      return new AlertSourceWorker(source, journal, properties, health);
    }
  }
}
