package dev.bulwark.app.integration;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In the PostgreSQL run, points every engine a test starts (shared {@code @EngineIT} contexts and
 * engines started with {@code SpringApplicationBuilder} alike) at a PostgreSQL database in place of
 * the in-memory H2 database the test names: one fresh database per H2 name, so tests that count
 * whole tables in a database of their own get one here too, and an engine restarted on the same H2
 * name finds its data again. A test that already chose a PostgreSQL database keeps it.
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
                    "spring.datasource.url", PostgresTestDatabases.urlFor(url),
                    "spring.datasource.username", PostgresTestDatabases.user(),
                    "spring.datasource.password", PostgresTestDatabases.password())));
  }
}
