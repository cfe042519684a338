package dev.bulwark.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.app.intake.AlertIntake;
import dev.bulwark.core.alert.Timestamps;
import dev.bulwark.core.journal.AlertJournal.AppendResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * {@code bulwark.demo.enabled=true}: posts the bundled sample alerts through the real intake, with
 * their timestamps moved so the newest is now. A brute force, a high-risk SIEM alert and a remote
 * worker's VPN login, remote-control tool and IP-KVM become incidents waiting for approval within
 * seconds. Replaying again adds nothing (same event ids).
 */
@Component
@ConditionalOnProperty(prefix = "bulwark.demo", name = "enabled", havingValue = "true")
class DemoReplay {

  static final String SAMPLE = "demo/alerts.ndjson";
  private static final Logger LOG = LoggerFactory.getLogger(DemoReplay.class);

  private final AlertIntake intake;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();

  DemoReplay(AlertIntake intake, Clock clock) {
    this.intake = intake;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void replay() throws IOException {
    List<ObjectNode> alerts = read();
    Instant newest =
        alerts.stream()
            .map(alert -> Timestamps.parse(alert.get("@timestamp").asText()))
            .max(Instant::compareTo)
            .orElseThrow();
    Duration shift = Duration.between(newest, clock.instant());
    StringBuilder ndjson = new StringBuilder();
    for (ObjectNode alert : alerts) {
      Instant original = Timestamps.parse(alert.get("@timestamp").asText());
      alert.put("@timestamp", original.plus(shift).toString());
      ndjson.append(alert).append('\n');
    }
    AppendResult result = intake.acceptNdjson(ndjson.toString().getBytes(StandardCharsets.UTF_8));
    LOG.info(
        "BULWARK-0401 demo: replayed {} sample alerts ({} new, {} already journaled)."
            + " See GET /api/v1/incidents and GET /api/v1/approvals, or log into /camunda as"
            + " analyst/analyst",
        alerts.size(),
        result.accepted(),
        result.duplicates());
  }

  private List<ObjectNode> read() throws IOException {
    List<ObjectNode> alerts = new ArrayList<>();
    try (InputStream in = new ClassPathResource(SAMPLE).getInputStream()) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          alerts.add((ObjectNode) mapper.readTree(line));
        }
      }
    }
    return alerts;
  }
}
