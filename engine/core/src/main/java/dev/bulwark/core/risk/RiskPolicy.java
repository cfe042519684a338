package dev.bulwark.core.risk;

import java.time.Duration;
import java.util.Objects;

/**
 * How risk adds up.
 *
 * @param window how far back in event time an entity's signals count (default 7 days)
 * @param threshold the points at which an identity gets an incident
 * @param suppression how long after a containment the same identity or host is not contained again
 * @param hostThreshold the points at which a host gets an incident of its own
 * @param hostPlaybook the playbook a host's incident asks for
 */
public record RiskPolicy(
    Duration window, int threshold, Duration suppression, int hostThreshold, String hostPlaybook) {

  /** The playbook that isolates a host, asked for by a host's risk incident by default. */
  public static final String CONTAIN_HOST = "contain_host";

  public static final RiskPolicy DEFAULT =
      new RiskPolicy(Duration.ofDays(7), 100, Duration.ofDays(7));

  public RiskPolicy {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(suppression, "suppression");
    if (threshold <= 0) {
      throw new IllegalArgumentException("risk threshold must be positive, got " + threshold);
    }
    if (hostThreshold <= 0) {
      throw new IllegalArgumentException(
          "host risk threshold must be positive, got " + hostThreshold);
    }
  }

  /**
   * A host threshold of twice the identity's: the identity's playbook already isolates its host, so
   * a host's own incident is for evidence beyond what one identity gathers.
   */
  public RiskPolicy(Duration window, int threshold, Duration suppression) {
    this(window, threshold, suppression, 2 * threshold, CONTAIN_HOST);
  }

  /** The points at which an entity ({@code user:...} or {@code host:...}) gets an incident. */
  public int thresholdFor(String entityKey) {
    return RiskService.isHost(entityKey) ? hostThreshold : threshold;
  }
}
