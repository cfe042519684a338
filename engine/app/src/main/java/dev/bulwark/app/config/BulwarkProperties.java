package dev.bulwark.app.config;

import dev.bulwark.core.action.ActionType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything under {@code bulwark.*} in application.yaml, with defaults that run as they are. */
@ConfigurationProperties(prefix = BulwarkProperties.PREFIX)
public class BulwarkProperties {

  public static final String PREFIX = "bulwark";

  /** Where the embedded database and other local state live. */
  private String dataDir = "./data";

  private final Intake intake = new Intake();
  private final Processor processor = new Processor();
  private final Connectors connectors = new Connectors();
  private final Demo demo = new Demo();

  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  public Intake getIntake() {
    return intake;
  }

  public Processor getProcessor() {
    return processor;
  }

  public Connectors getConnectors() {
    return connectors;
  }

  public Demo getDemo() {
    return demo;
  }

  /** Limits on what {@code POST /api/v1/alerts} takes. */
  public static class Intake {
    /** Largest request body; larger is answered 413. */
    private long maxBodyBytes = 10L * 1024 * 1024;

    /** Most alerts in one request; more is answered 413. */
    private int maxBatchSize = 10_000;

    /** Deepest JSON nesting accepted; deeper is answered 400 (protects the parser). */
    private int maxNestingDepth = 64;

    /** Alerts accepted but not yet evaluated past which intake answers 429 (back-pressure). */
    private long maxBacklog = 200_000;

    /** What a 429 tells the sender to wait before trying again. */
    private Duration retryAfter = Duration.ofSeconds(5);

    /** Longest a request body may take to arrive; slower senders are cut off with 408. */
    private Duration bodyReadTimeout = Duration.ofSeconds(30);

    public long getMaxBacklog() {
      return maxBacklog;
    }

    public void setMaxBacklog(long maxBacklog) {
      this.maxBacklog = maxBacklog;
    }

    public Duration getRetryAfter() {
      return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
    }

    public Duration getBodyReadTimeout() {
      return bodyReadTimeout;
    }

    public void setBodyReadTimeout(Duration bodyReadTimeout) {
      this.bodyReadTimeout = bodyReadTimeout;
    }

    public long getMaxBodyBytes() {
      return maxBodyBytes;
    }

    public void setMaxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
    }

    public int getMaxBatchSize() {
      return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
      this.maxBatchSize = maxBatchSize;
    }

    public int getMaxNestingDepth() {
      return maxNestingDepth;
    }

    public void setMaxNestingDepth(int maxNestingDepth) {
      this.maxNestingDepth = maxNestingDepth;
    }
  }

  /** How the rules read the journal. */
  public static class Processor {
    /** Alerts evaluated per transaction. */
    private int batchSize = 500;

    /** How often the journal is checked when no intake woke the processor. */
    private Duration pollInterval = Duration.ofSeconds(1);

    /** Set to false to accept alerts without evaluating them (e.g. for maintenance). */
    private boolean enabled = true;

    /**
     * Threads that evaluate this node's rule partitions side by side (each partition has its own
     * session, so they share nothing but the writes); by default one per core, at most 4.
     */
    private int threads = Math.min(4, Runtime.getRuntime().availableProcessors());

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

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public int getThreads() {
      return threads;
    }

    public void setThreads(int threads) {
      this.threads = threads;
    }
  }

  /** Which provider serves each action. */
  public static class Connectors {
    /** Action type to provider name; an action not listed is simulated. */
    private Map<ActionType, String> providers = new EnumMap<>(ActionType.class);

    public Map<ActionType, String> getProviders() {
      return providers;
    }

    public void setProviders(Map<ActionType, String> providers) {
      this.providers = providers;
    }
  }

  /** The guided demo for a first start. */
  public static class Demo {
    /** Replay the bundled sample alerts at start-up. */
    private boolean enabled = false;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
