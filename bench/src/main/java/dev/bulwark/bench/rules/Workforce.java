package dev.bulwark.bench.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's events: what a workforce's identity provider, EDR and code host send, in the mix
 * the remote-worker pack reads. Per 100 events: 16 successful and 2 failed logins, 8 MFA
 * challenges, 40 input-latency samples, 4 repository clones, 24 process starts (1 in 50 a
 * remote-control tool) and 6 EDR alerts (risk 5-60). Each user has a home city and a device; 5 % of
 * logins come through a VPN provider. A fixed pool of documents is generated once (so generating
 * JSON is not measured) and replayed with rising sequence numbers and event times.
 */
final class Workforce {

  static final Instant START = Instant.parse("2025-03-10T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[][] CITIES = {
    {"US", "40.71", "-74.00"}, {"US", "37.77", "-122.42"}, {"US", "41.88", "-87.63"},
    {"GB", "51.51", "-0.13"}, {"DE", "52.52", "13.40"}, {"PL", "52.23", "21.01"},
    {"IN", "12.97", "77.59"}, {"BR", "-23.55", "-46.63"}
  };

  private final List<ObjectNode> pool;
  private final long spacingMillis;

  /**
   * @param users distinct identities
   * @param poolSize distinct documents, replayed in a cycle
   * @param spacingMillis event time between two events
   */
  Workforce(int users, int poolSize, long spacingMillis) {
    this.spacingMillis = spacingMillis;
    Random random = new Random(42);
    pool = new ArrayList<>(poolSize);
    for (int i = 0; i < poolSize; i++) {
      pool.add(document(random, random.nextInt(users)));
    }
  }

  /** The i-th event (seq i + 1). */
  Alert event(long i) {
    return new Alert(i + 1, START.plusMillis(spacingMillis * i), pool.get((int) (i % pool.size())));
  }

  private static ObjectNode document(Random random, int userNumber) {
    String user = "user" + userNumber;
    String[] city = CITIES[userNumber % CITIES.length];
    ObjectNode event = JSON.createObjectNode();
    event.put("@timestamp", START.toString());
    ObjectNode ecs = event.putObject("event").put("kind", "event");
    event.putObject("user").put("name", user);
    event.putObject("host").put("name", "lt-" + user);
    int kind = random.nextInt(100);
    if (kind < 18) {
      boolean success = kind < 16;
      ecs.put("action", "user-login").put("outcome", success ? "success" : "failure");
      ecs.putArray("category").add("authentication");
      ObjectNode source = event.putObject("source");
      source.put("ip", "100.64." + random.nextInt(256) + "." + random.nextInt(256));
      boolean vpn = random.nextInt(20) == 0;
      source
          .putObject("as")
          .put("number", vpn ? 9009 : 7922)
          .putObject("organization")
          .put("name", vpn ? "M247 Europe SRL" : "Comcast Cable");
      ObjectNode geo = source.putObject("geo").put("country_iso_code", city[0]);
      geo.putObject("location")
          .put("lat", Double.parseDouble(city[1]) + random.nextDouble() / 10)
          .put("lon", Double.parseDouble(city[2]) + random.nextDouble() / 10);
      if (random.nextBoolean()) {
        event.putObject("device").put("id", "dev-" + user);
      }
    } else if (kind < 26) {
      ecs.put("action", "mfa-challenge").put("outcome", "success");
      ecs.putArray("category").add("authentication");
      event.putObject("device").put("id", "dev-" + user);
    } else if (kind < 66) {
      // Mostly fast samples, now and then a slow one: the rule needs most of a day slow.
      int millis = random.nextInt(10) == 0 ? 150 + random.nextInt(100) : 20 + random.nextInt(40);
      ecs.put("action", "input-latency").put("duration", millis * 1_000_000L);
    } else if (kind < 70) {
      ecs.put("action", "repository-clone");
      event.putObject("url").put("full", "https://git.example.com/repo-" + random.nextInt(200));
    } else if (kind < 94) {
      ecs.put("action", "process-started").putArray("type").add("start");
      ecs.putArray("category").add("process");
      event
          .putObject("process")
          .put("name", random.nextInt(50) == 0 ? "AnyDesk.exe" : "chrome.exe");
    } else {
      ecs.put("kind", "alert").put("risk_score", 5 + random.nextInt(56));
      event.putObject("rule").put("name", "EDR: suspicious script " + random.nextInt(30));
    }
    return event;
  }
}
