package dev.bulwark.app.integration;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In the PostgreSQL run, points every engine a test starts (shared {@code @EngineIT} contexts and
 * engines started with {@code SpringApplicationBuilder} alike) at this JVM's test database, above
 * any H2 URL the test itself sets. A test that already chose a PostgreSQL database keeps it.
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
                    "spring.datasource.url", PostgresTestDatabases.sharedUrl(),
                    "spring.datasource.username", PostgresTestDatabases.user(),
                    "spring.datasource.password", PostgresTestDatabases.password())));
  }
}
