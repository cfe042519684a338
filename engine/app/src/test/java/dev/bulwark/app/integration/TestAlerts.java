package dev.bulwark.app.integration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Sample alerts kept as files under {@code src/test/resources/alerts}. Placeholders let one file
 * serve many tests without clashing: {@code ${user}} and {@code ${run}} are replaced.
 */
public final class TestAlerts {

  private TestAlerts() {}

  public static String load(String name, String user, String run) {
    try (InputStream in = TestAlerts.class.getResourceAsStream("/alerts/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test alert file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${user}", user)
          .replace("${run}", run);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
