package dev.bulwark.app.pipeline;

import dev.bulwark.core.pipeline.CorrelationLocks;
import java.util.Collection;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Row locks on the stripes of {@code correlation_lock}, taken in stripe order so two transactions
 * locking several keys cannot deadlock. A stripe is shared by many keys: the lock may make an
 * unrelated batch wait a few milliseconds, never decide wrongly.
 */
final class JdbcCorrelationLocks implements CorrelationLocks {

  /** The rows the V12 migration created. */
  static final int STRIPES = 64;

  private final JdbcTemplate jdbc;

  JdbcCorrelationLocks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void lock(Collection<String> correlationKeys) {
    TreeSet<Integer> stripes = new TreeSet<>();
    correlationKeys.forEach(key -> stripes.add(Math.floorMod(key.hashCode(), STRIPES)));
    for (Integer stripe : stripes) {
      jdbc.queryForList(
          "SELECT stripe FROM correlation_lock WHERE stripe = ? FOR UPDATE", Integer.class, stripe);
    }
  }
}
