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

  public Risk getRisk() {
    return risk;
  }

  /** Risk per identity. */
  public static class Risk {
    /** Points within the window at which an identity gets an incident. */
    private int threshold = 100;

    /** How far back in event time signals count. */
    private Duration window = Duration.ofDays(7);

    /** After a containment, how long the same identity is not contained again. */
    private Duration suppression = Duration.ofDays(7);

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
  }
}
