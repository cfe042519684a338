package dev.bulwark.app.elasticsearch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything under {@code bulwark.elasticsearch.*}. Elasticsearch is optional: with no {@code uris}
 * no client is created, nothing connects and nothing is logged about it.
 */
@ConfigurationProperties(prefix = ElasticsearchProperties.PREFIX)
public class ElasticsearchProperties {

  public static final String PREFIX = "bulwark.elasticsearch";

  /** Node addresses, e.g. {@code http://es1:9200}; empty means Elasticsearch is not used. */
  private List<String> uris = new ArrayList<>();

  /** Basic-auth user; give the password through the environment, never in a file. */
  private String username;

  private String password;

  /** An API key (the base64 {@code id:key} Kibana shows); used instead of basic auth when set. */
  private String apiKey;

  private final Source source = new Source();
  private final Sink sink = new Sink();

  public List<String> getUris() {
    return uris;
  }

  public void setUris(List<String> uris) {
    this.uris = uris;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public Source getSource() {
    return source;
  }

  public Sink getSink() {
    return sink;
  }

  /** Pulling alerts from the SIEM into the journal. Off unless enabled. */
  public static class Source {
    public static final String DEFAULT_INDEX = ".alerts-security.alerts-*";
    public static final String DEFAULT_TIEBREAKER = "kibana.alert.uuid";

    /** Pull alerts; the engine only pulls when asked to. */
    private boolean enabled = false;

    /** Index pattern to read: Elastic Security's alerts, or any index of ECS events. */
    private String index = DEFAULT_INDEX;

    /**
     * A keyword field unique per document, the second sort key after {@code @timestamp} so that
     * documents with equal timestamps are read once each: {@code kibana.alert.uuid} for Security
     * alerts, {@code event.id} for ECS events.
     */
    private String tiebreaker = DEFAULT_TIEBREAKER;

    /**
     * Extra filter in query DSL JSON, e.g. {@code {"term": {"kibana.alert.workflow_status":
     * "open"}}}.
     */
    private String query;

    /** Documents per search page (and per journal append). */
    private int batchSize = 500;

    /** How long to wait between polls once the index is read to its end. */
    private Duration pollInterval = Duration.ofSeconds(5);

    /**
     * Documents newer than this are left for the next poll: a document becomes searchable only
     * after a refresh (1 s by default), and reading past it would skip it for good.
     */
    private Duration settleTime = Duration.ofSeconds(5);

    /** How long the point-in-time stays open between two pages. */
    private Duration keepAlive = Duration.ofMinutes(1);

    /** Stop pulling while the rules are this many alerts behind the journal (back-pressure). */
    private long maxJournalBacklog = 50_000;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getIndex() {
      return index;
    }

    public void setIndex(String index) {
      this.index = index;
    }

    public String getTiebreaker() {
      return tiebreaker;
    }

    public void setTiebreaker(String tiebreaker) {
      this.tiebreaker = tiebreaker;
    }

    public String getQuery() {
      return query;
    }

    public void setQuery(String query) {
      this.query = query;
    }

    public int getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    public Duration getSettleTime() {
      return settleTime;
    }

    public void setSettleTime(Duration settleTime) {
      this.settleTime = settleTime;
    }

    public Duration getKeepAlive() {
      return keepAlive;
    }

    public void setKeepAlive(Duration keepAlive) {
      this.keepAlive = keepAlive;
    }

    public long getMaxJournalBacklog() {
      return maxJournalBacklog;
    }

    public void setMaxJournalBacklog(long maxJournalBacklog) {
      this.maxJournalBacklog = maxJournalBacklog;
    }
  }

  /** Indexing incidents, actions and audit events for search, fed by the outbox table. */
  public static class Sink {
    /** Index incidents, actions and audit events when Elasticsearch is configured. */
    private boolean enabled = true;

    /** Outbox records sent per bulk request. */
    private int batchSize = 1000;

    /** How often the outbox is checked when nothing woke the sink. */
    private Duration flushInterval = Duration.ofSeconds(1);

    /** Longest wait between two attempts while Elasticsearch is unreachable. */
    private Duration maxRetryInterval = Duration.ofSeconds(30);

    /** A record Elasticsearch rejects this many times is set aside (kept, marked failed). */
    private int maxAttempts = 5;

    /**
     * Feed incident timeline entries to {@code bulwark-audit-*}: the engine's audit trail until a
     * dedicated audit log feeds the outbox itself.
     */
    private boolean auditFromTimeline = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public int getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    public Duration getFlushInterval() {
      return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
      this.flushInterval = flushInterval;
    }

    public Duration getMaxRetryInterval() {
      return maxRetryInterval;
    }

    public void setMaxRetryInterval(Duration maxRetryInterval) {
      this.maxRetryInterval = maxRetryInterval;
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public boolean isAuditFromTimeline() {
      return auditFromTimeline;
    }

    public void setAuditFromTimeline(boolean auditFromTimeline) {
      this.auditFromTimeline = auditFromTimeline;
    }
  }
}
