package dev.bulwark.app.rules;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything under {@code bulwark.rules}: where rules come from and how risk adds up. */
@ConfigurationProperties(prefix = RulesProperties.PREFIX)
public class RulesProperties {

  public static final String PREFIX = "bulwark.rules";

  /**
   * A folder of {@code *.drl} files loaded beside the bundled pack (a file with a bundled file's
   * name replaces it), and of {@code anonymising-networks.txt} / {@code corporate-networks.txt};
   * none when unset.
   */
  private Path dir;

  /** How often the folder is checked for changes; a change reloads the rules. */
  private Duration watchInterval = Duration.ofSeconds(2);

  /** Corporate egress networks (CIDRs) to trust, in addition to {@code corporate-networks.txt}. */
  private List<String> corporateNetworks = new ArrayList<>();

  /**
   * How often each node checks the database for network lists set through the API on another node
   * (a change made on this node applies at once).
   */
  private Duration referenceRefresh = Duration.ofSeconds(5);

  private final Risk risk = new Risk();

  public Path getDir() {
    return dir;
  }

  public void setDir(Path dir) {
    this.dir = dir;
  }

  public Duration getWatchInterval() {
    return watchInterval;
  }

  public void setWatchInterval(Duration watchInterval) {
    this.watchInterval = watchInterval;
  }

  public List<String> getCorporateNetworks() {
    return corporateNetworks;
  }

  public void setCorporateNetworks(List<String> corporateNetworks) {
    this.corporateNetworks = corporateNetworks;
  }

  public Duration getReferenceRefresh() {
    return referenceRefresh;
  }

  public void setReferenceRefresh(Duration referenceRefresh) {
    this.referenceRefresh = referenceRefresh;
  }

  public Risk getRisk() {
    return risk;
  }

  /** Risk per identity. */
  public static class Risk {
    /** Points within the window at which an identity gets an incident. */
    private int threshold = 100;

    /** How far back in event time signals count. */
    private Duration window = Duration.ofDays(7);

    /** After a containment, how long the same identity (or host) is not contained again. */
    private Duration suppression = Duration.ofDays(7);

    /**
     * Points within the window at which a host gets an incident of its own. Higher than the
     * identity threshold by default: an identity's playbook already isolates its host, so a host
     * incident is for evidence beyond one identity's (several accounts on one machine, alerts about
     * the host alone).
     */
    private int hostThreshold = 200;

    /** The playbook a host's risk incident asks for. */
    private String hostPlaybook = "contain_host";

    private final Prune prune = new Prune();

    public int getThreshold() {
      return threshold;
    }

    public void setThreshold(int threshold) {
      this.threshold = threshold;
    }

    public Duration getWindow() {
      return window;
    }

    public void setWindow(Duration window) {
      this.window = window;
    }

    public Duration getSuppression() {
      return suppression;
    }

    public void setSuppression(Duration suppression) {
      this.suppression = suppression;
    }

    public int getHostThreshold() {
      return hostThreshold;
    }

    public void setHostThreshold(int hostThreshold) {
      this.hostThreshold = hostThreshold;
    }

    public String getHostPlaybook() {
      return hostPlaybook;
    }

    public void setHostPlaybook(String hostPlaybook) {
      this.hostPlaybook = hostPlaybook;
    }

    public Prune getPrune() {
      return prune;
    }
  }

  /** Deleting risk signals that no score can count any more. */
  public static class Prune {
    /** How often; {@code 0} switches pruning off. */
    private Duration interval = Duration.ofHours(1);

    /**
     * Kept beyond the window, by event time, so that alerts arriving late still find the signals
     * they add up with.
     */
    private Duration margin = Duration.ofDays(1);

    /** Rows deleted per transaction, so a large backlog never holds long locks. */
    private int batchSize = 1000;

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    public Duration getMargin() {
      return margin;
    }

    public void setMargin(Duration margin) {
      this.margin = margin;
    }

    public int getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }
  }
}
