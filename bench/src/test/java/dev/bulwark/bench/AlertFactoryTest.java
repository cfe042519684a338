package dev.bulwark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AlertFactoryTest {

  private static final Pattern EVENT_ID = Pattern.compile("\"event\":\\{\"id\":\"([^\"]+)\"");
  private static final Pattern TIMESTAMP = Pattern.compile("\"@timestamp\":\"([^\"]+)\"");

  @Test
  void batchesHoldUniqueIdsAdvancingTimestampsAndBruteForceSequences() {
    AlertFactory factory = new AlertFactory("t", Instant.parse("2026-01-01T00:00:00Z"), 50, 500, 1);
    Set<String> ids = new HashSet<>();
    Instant previous = Instant.MIN;
    int lines = 0;
    for (int b = 0; b < 3; b++) {
      String batch = new String(factory.batch(1000), StandardCharsets.UTF_8);
      for (String line : batch.split("\n")) {
        lines++;
        Matcher id = EVENT_ID.matcher(line);
        assertTrue(id.find(), line);
        assertTrue(ids.add(id.group(1)), "duplicate " + id.group(1));
        Matcher ts = TIMESTAMP.matcher(line);
        assertTrue(ts.find(), line);
        Instant at = Instant.parse(ts.group(1));
        assertTrue(at.isAfter(previous));
        previous = at;
      }
    }
    assertEquals(3000, lines);
    assertEquals(5, factory.bruteForces());
    String direct = new String(factory.directAlert(7), StandardCharsets.UTF_8);
    assertTrue(direct.contains("\"kind\":\"alert\",\"risk_score\":91"));
    assertTrue(direct.contains("\"user\":{\"name\":\"direct-t-7\"}"));
  }
}
