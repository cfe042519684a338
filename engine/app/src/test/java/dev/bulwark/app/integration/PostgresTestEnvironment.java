package dev.bulwark.app.integration;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In the PostgreSQL run, points every engine a test starts (shared {@code @EngineIT} contexts and
 * engines started with {@code SpringApplicationBuilder} alike) at the fresh PostgreSQL database
 * standing in for the H2 database the test configured: engines that share an H2 database by name
 * share one here, and an engine with an H2 database of its own (because it counts whole tables)
 * gets a PostgreSQL database of its own. A test that already chose a PostgreSQL database keeps it.
 */
public final class PostgresTestEnvironment implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!PostgresTestDatabases.enabled()) {
      return;
    }
    String url = environment.getProperty("spring.datasource.url", "");
    if (url.startsWith("jdbc:postgresql:")) {
      return;
    }
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "bulwark-it-postgres",
                Map.of(
                    "spring.datasource.url",
                    PostgresTestDatabases.standInFor(url),
                    "spring.datasource.username",
                    PostgresTestDatabases.user(),
                    "spring.datasource.password",
                    PostgresTestDatabases.password(),
                    // Spring keeps test contexts open between classes; with one pool per context
                    // kept full (20 in the postgres profile), a few idle contexts would take the
                    // server's connections from the builds running next to this one.
                    "spring.datasource.hikari.minimum-idle",
                    "1",
                    "spring.datasource.hikari.idle-timeout",
                    "10000")));
  }
}
