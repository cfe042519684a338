package dev.bulwark.app.cluster;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code bulwark.cluster.*}: how engine nodes sharing one database take turns at the rules. */
@ConfigurationProperties(prefix = ClusterProperties.PREFIX)
public class ClusterProperties {

  public static final String PREFIX = "bulwark.cluster";

  /**
   * This node's name in the lease table and the logs. By default pid@host and a random suffix, so
   * that two engines in one JVM (as in tests) or a restarted process never pass for each other.
   */
  private String nodeId =
      ManagementFactory.getRuntimeMXBean().getName()
          + "-"
          + UUID.randomUUID().toString().substring(0, 8);

  /**
   * How long the rules lease lasts unless renewed. A node that dies is replaced after at most this
   * long; it must exceed the clock difference between nodes and a long garbage collection.
   */
  private Duration leaseDuration = Duration.ofSeconds(15);

  public String getNodeId() {
    return nodeId;
  }

  public void setNodeId(String nodeId) {
    this.nodeId = nodeId;
  }

  public Duration getLeaseDuration() {
    return leaseDuration;
  }

  public void setLeaseDuration(Duration leaseDuration) {
    this.leaseDuration = leaseDuration;
  }
}
