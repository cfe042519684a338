package dev.bulwark.app.elasticsearch;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * What a background worker last saw of Elasticsearch, shown in {@code /actuator/health}. Reading it
 * costs no request to the cluster: the worker talks to it anyway, every poll.
 */
public final class WorkerHealth implements HealthIndicator {

  private volatile boolean up = true;
  private volatile String problem;
  private volatile Instant since = Instant.now();
  private final Map<String, Object> details = new LinkedHashMap<>();

  /** Records a failure; returns true when it is a new problem (worth one log line). */
  public boolean down(String reason) {
    boolean changed = up || !reason.equals(problem);
    if (up) {
      since = Instant.now();
    }
    up = false;
    problem = reason;
    return changed;
  }

  /** Records success; returns true when it ends a problem. */
  public boolean up() {
    boolean recovered = !up;
    if (recovered) {
      since = Instant.now();
    }
    up = true;
    problem = null;
    return recovered;
  }

  public boolean isUp() {
    return up;
  }

  public void detail(String key, Object value) {
    synchronized (details) {
      details.put(key, value);
    }
  }

  @Override
  public Health health() {
    Health.Builder builder = up ? Health.up() : Health.down().withDetail("error", problem);
    builder.withDetail("since", since.toString());
    synchronized (details) {
      builder.withDetails(details);
    }
    return builder.build();
  }
}
