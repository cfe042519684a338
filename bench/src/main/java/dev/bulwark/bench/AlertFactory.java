package dev.bulwark.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Realistic ECS authentication events, as NDJSON batches: Linux sshd, Windows 4624/4625 and IdP SSO
 * logins of 20,000 users on 800 hosts from internal and external addresses, about 5% failures,
 * every {@code event.id} unique, {@code @timestamp} advancing by a fixed step per alert. Every
 * {@code bruteForceEvery} alerts one brute-force sequence (six failures, then a success, for a user
 * of its own) makes the correlation rule open an incident, as real traffic now and then does.
 *
 * <p>Also makes the direct-rule alerts of the latency scenarios: {@code event.kind: alert} with
 * risk 91 and a user of its own, so each opens its own incident (and starts its own playbook).
 */
final class AlertFactory {

  private static final String[] FIRST = {
    "anna", "ben", "carla", "david", "elif", "felix", "greta", "hugo", "ines", "jonas", "kim",
    "lena", "marco", "nora", "oskar", "paula", "quentin", "rosa", "sven", "tara", "ugo", "vera",
    "wei", "xenia", "yusuf", "zoe"
  };
  private static final String[] LAST = {
    "schmidt", "meyer", "weber", "novak", "rossi", "garcia", "smith", "dubois", "jansen",
        "kowalski",
    "silva", "nielsen", "yilmaz", "ivanova", "murphy", "tanaka", "costa", "berg", "horvat", "kaya"
  };
  private static final String[] HOST_ROLES = {
    "ws", "ws", "ws", "srv-web", "srv-db", "srv-app", "dc"
  };
  private static final String[] COUNTRIES = {"DE", "DE", "DE", "FR", "NL", "US", "GB", "PL", "BR"};
  private static final int USERS = 20_000;
  private static final int HOSTS = 800;

  private final String runId;
  private final long stepMicros;
  private final int bruteForceEvery;
  private final AtomicLong eventMicros;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong bruteForces = new AtomicLong();
  private long batchEvents;
  private long nextBruteForceAt;
  private final SplittableRandom seeds;

  AlertFactory(String runId, Instant start, long stepMicros, int bruteForceEvery, long seed) {
    this.runId = runId;
    this.stepMicros = stepMicros;
    this.bruteForceEvery = bruteForceEvery;
    this.eventMicros = new AtomicLong(start.getEpochSecond() * 1_000_000 + start.getNano() / 1000);
    this.seeds = new SplittableRandom(seed);
    this.nextBruteForceAt = bruteForceEvery;
  }

  /** Brute-force sequences injected so far (each should become one incident). */
  long bruteForces() {
    return bruteForces.get();
  }

  /** One NDJSON batch of {@code size} authentication events. */
  synchronized byte[] batch(int size) {
    SplittableRandom random = seeds.split();
    StringBuilder out = new StringBuilder(size * 720);
    int i = 0;
    while (i < size) {
      if (bruteForceEvery > 0 && batchEvents >= nextBruteForceAt && size - i >= 7) {
        int added = bruteForce(out, random);
        i += added;
        batchEvents += added;
        nextBruteForceAt += bruteForceEvery;
      } else {
        authEvent(out, random, random.nextInt(USERS), random.nextInt(100) < 5, null);
        i++;
        batchEvents++;
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One direct-rule alert (a single JSON document) with a user no other alert has. */
  byte[] directAlert(int index) {
    long id = sequence.incrementAndGet();
    String user = "direct-" + runId + "-" + index;
    StringBuilder out = new StringBuilder(400);
    out.append("{\"@timestamp\":\"")
        .append(nextTimestamp())
        .append("\",\"event\":{\"id\":\"")
        .append(runId)
        .append("-d")
        .append(id)
        .append("\",\"kind\":\"alert\",\"risk_score\":91,\"severity\":91")
        .append(",\"category\":[\"intrusion_detection\"],\"module\":\"siem\"}")
        .append(",\"rule\":{\"name\":\"Bench: impossible travel with MFA fatigue\"}")
        .append(",\"user\":{\"name\":\"")
        .append(user)
        .append("\"},\"host\":{\"name\":\"ws-")
        .append(String.format("%05d", index % HOSTS))
        .append("\"},\"message\":\"benchmark direct-rule alert\"}");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private int bruteForce(StringBuilder out, SplittableRandom random) {
    long k = bruteForces.incrementAndGet();
    String victim = "bf-" + runId + "-" + k;
    String attacker = "185.220." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    for (int f = 0; f < 6; f++) {
      authEvent(out, random, -1, true, new String[] {victim, attacker});
    }
    authEvent(out, random, -1, false, new String[] {victim, attacker});
    return 7;
  }

  /**
   * Appends one event. {@code fixed} = {user, source ip} for the brute-force sequences, otherwise
   * user number {@code userIndex} from a random address.
   */
  private void authEvent(
      StringBuilder out, SplittableRandom random, int userIndex, boolean failure, String[] fixed) {
    long id = sequence.incrementAndGet();
    String user =
        fixed != null
            ? fixed[0]
            : FIRST[userIndex % FIRST.length]
                + "."
                + LAST[(userIndex / FIRST.length) % LAST.length]
                + (userIndex / (FIRST.length * LAST.length));
    int hostIndex = fixed != null ? 7 : (userIndex * 31 + random.nextInt(3)) % HOSTS;
    String host =
        HOST_ROLES[hostIndex % HOST_ROLES.length] + "-" + String.format("%05d", hostIndex);
    String hostIp = "10.20." + (hostIndex / 250) + "." + (hostIndex % 250 + 1);
    boolean external = fixed != null || random.nextInt(10) == 0;
    String sourceIp =
        fixed != null
            ? fixed[1]
            : external
                ? (random.nextInt(200) + 20)
                    + "."
                    + random.nextInt(256)
                    + "."
                    + random.nextInt(256)
                    + "."
                    + (1 + random.nextInt(254))
                : "10."
                    + random.nextInt(32)
                    + "."
                    + random.nextInt(256)
                    + "."
                    + (1 + random.nextInt(254));
    int port = 1024 + random.nextInt(64_000);
    String ts = nextTimestamp();
    String outcome = failure ? "failure" : "success";
    int flavor = fixed != null ? 0 : random.nextInt(3);
    out.append("{\"@timestamp\":\"").append(ts).append("\",\"event\":{\"id\":\"");
    out.append(runId).append('-').append(id).append("\",\"kind\":\"event\"");
    out.append(",\"category\":[\"authentication\"],\"type\":[\"");
    out.append(failure ? "info" : "start").append("\"],\"outcome\":\"").append(outcome);
    switch (flavor) {
      case 0 -> {
        out.append(
            "\",\"action\":\"ssh_login\",\"module\":\"system\",\"dataset\":\"system.auth\"}");
        out.append(",\"process\":{\"name\":\"sshd\",\"pid\":")
            .append(1000 + random.nextInt(60_000));
        out.append("},\"message\":\"")
            .append(failure ? "Failed password for " : "Accepted publickey for ")
            .append(user)
            .append(" from ")
            .append(sourceIp)
            .append(" port ")
            .append(port)
            .append(" ssh2\"");
      }
      case 1 -> {
        out.append("\",\"action\":\"")
            .append(failure ? "logon-failed" : "logged-in")
            .append("\",\"code\":\"")
            .append(failure ? "4625" : "4624")
            .append("\",\"module\":\"security\",\"dataset\":\"windows.security\"}");
        out.append(",\"winlog\":{\"channel\":\"Security\",\"event_id\":\"")
            .append(failure ? "4625" : "4624")
            .append("\",\"logon\":{\"type\":\"")
            .append(random.nextBoolean() ? "Network" : "RemoteInteractive")
            .append("\"}},\"message\":\"")
            .append(
                failure ? "An account failed to log on." : "An account was successfully logged on.")
            .append('"');
      }
      default -> {
        out.append("\",\"action\":\"user.authentication.sso\",\"module\":\"okta\"");
        out.append(",\"dataset\":\"okta.system\"}");
        out.append(",\"client\":{\"user_agent\":{\"original\":\"Mozilla/5.0 (Windows NT 10.0)\"}}");
        out.append(",\"message\":\"User single sign on to app\"");
      }
    }
    out.append(",\"user\":{\"name\":\"").append(user).append("\",\"domain\":\"CORP\"}");
    out.append(",\"host\":{\"name\":\"").append(host).append("\",\"ip\":[\"").append(hostIp);
    out.append("\"],\"os\":{\"family\":\"").append(hostIndex % 7 < 3 ? "windows" : "linux");
    out.append("\"}},\"source\":{\"ip\":\"").append(sourceIp).append("\",\"port\":").append(port);
    if (external) {
      out.append(",\"geo\":{\"country_iso_code\":\"")
          .append(COUNTRIES[random.nextInt(COUNTRIES.length)])
          .append("\"}");
    }
    out.append("},\"related\":{\"user\":[\"").append(user).append("\"],\"ip\":[\"");
    out.append(sourceIp).append("\"]},\"agent\":{\"type\":\"filebeat\",\"version\":\"8.15.0\"}");
    out.append(",\"ecs\":{\"version\":\"8.11.0\"},\"tags\":[\"bench\"]}\n");
  }

  private String nextTimestamp() {
    long micros = eventMicros.addAndGet(stepMicros);
    return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000).toString();
  }
}
