package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.incident.Incident;
import dev.bulwark.core.incident.ScratchIncidentStore;
import dev.bulwark.core.pipeline.IncidentService;
import dev.bulwark.core.risk.InMemoryRiskStore;
import dev.bulwark.core.risk.RiskPolicy;
import dev.bulwark.core.risk.RiskService;
import dev.bulwark.core.rules.Decision;
import dev.bulwark.rules.reference.CorporateNetworks;
import dev.bulwark.rules.reference.IdentityRecords;
import dev.bulwark.rules.reference.ReferenceData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 150 people over 3 days, with the noise of a real workforce (travellers, engineers on cloud dev
 * boxes, helpdesk staff running AnyDesk, a slow Wi-Fi day, new hires, medium EDR alerts, a
 * corporate VPN at a VPS provider) and four planted operatives: the pack and the risk service must
 * open incidents for the operatives (and their hosts) and for nobody else.
 */
class SyntheticWorkforceTest {

  private static final Instant DAY_1 = Instant.parse("2025-03-10T00:00:00Z");
  private static final String[] OPERATIVES = {"op-anna", "op-boris", "op-chen", "op-dmitri"};

  private final Random random = new Random(20250310);
  private final List<ObjectNode> events = new ArrayList<>();
  private final ArrayNode identities = TestAlerts.JSON.createArrayNode();

  @Test
  void onlyThePlantedOperativesGetIncidents() {
    generateWorkforce();
    ReferenceData reference = ReferenceData.withDefaults();
    reference.replaceIdentities(IdentityRecords.parse(identities));
    reference.replaceCorporateNetworks(
        CorporateNetworks.parse("corporate", List.of("45.76.10.0/24")));

    ScratchIncidentStore incidents = new ScratchIncidentStore();
    Clock clock = Clock.fixed(DAY_1.plus(Duration.ofDays(3)), ZoneOffset.UTC);
    RiskService risk =
        new RiskService(new InMemoryRiskStore(), incidents, RiskPolicy.DEFAULT, clock);
    IncidentService incidentService = new IncidentService(incidents, clock);

    List<Alert> alerts = inEventTimeOrder();
    try (DroolsRuleEvaluator evaluator =
        new DroolsRuleEvaluator(BundledRules.ruleSet(), reference)) {
      Map<Long, Alert> bySeq = new HashMap<>();
      for (Alert alert : alerts) {
        bySeq.put(alert.seq(), alert);
        for (Decision decision : evaluator.evaluate(alert)) {
          if (decision.kind() == Decision.Kind.RISK) {
            risk.apply(decision, bySeq);
          } else {
            incidentService.apply(decision, bySeq);
          }
        }
      }
    }

    assertThat(alerts).hasSizeGreaterThan(8_000);
    // Boris's laptop, where the PiKVM is plugged in, crosses the host threshold too; no innocent
    // person's laptop does.
    assertThat(incidents.all())
        .extracting(Incident::correlationKey)
        .containsExactlyInAnyOrder(
            "risk|user:op-anna",
            "risk|user:op-boris",
            "risk|user:op-chen",
            "risk|user:op-dmitri",
            "risk|host:op-boris-laptop");
  }

  private void generateWorkforce() {
    for (int i = 0; i < 150 - OPERATIVES.length; i++) {
      String user = "emp" + i;
      boolean engineer = i % 3 == 0;
      boolean helpdesk = i >= 140;
      boolean traveller = i >= 10 && i < 20;
      boolean cloudBox = engineer && i < 40;
      boolean slowWifi = i >= 50 && i < 55;
      boolean newHire = i >= 60 && i < 75;
      identity(
          user,
          helpdesk ? "IT Support" : engineer ? "Engineering" : "Sales",
          newHire ? "2025-02-10" : "2020-01-06");
      for (int day = 0; day < 3; day++) {
        Instant morning = DAY_1.plus(Duration.ofDays(day)).plus(Duration.ofHours(13));
        boolean abroad = traveller && day == 1;
        if (cloudBox && day > 0) {
          events.add(login(user, morning, "DigitalOcean, LLC", 14061, "US", 40.71, -74.0, null));
        } else if (abroad) {
          // Flew New York to London overnight: 5,570 km in 13 hours, possible.
          events.add(
              login(user, morning, "British Telecommunications", 2856, "GB", 51.5, -0.1, null));
        } else if (i % 7 == 0) {
          // The corporate VPN's egress, hosted at Vultr but trusted.
          events.add(
              login(user, morning, "The Constant Company", 20473, "US", 40.71, -74.0, null)
                  .put("_ip", "45.76.10." + (i % 200)));
        } else {
          events.add(login(user, morning, "Comcast Cable", 7922, "US", 40.71, -74.0, null));
        }
        events.add(mfa(user, morning.plusSeconds(30), "dev-" + user));
        for (int sample = 0; sample < 16; sample++) {
          boolean slow = slowWifi && day == 2 && sample % 3 == 0;
          events.add(
              latency(
                  user,
                  morning.plus(Duration.ofMinutes(30L * sample)),
                  slow ? 190 : 20 + random.nextInt(40)));
        }
        if (engineer) {
          for (int clone = 0; clone < 3 + random.nextInt(4); clone++) {
            events.add(
                clone(
                    user,
                    morning.plus(Duration.ofMinutes(5L * clone)),
                    "repo-" + random.nextInt(40)));
          }
        }
        if (helpdesk) {
          events.add(process(user, morning.plus(Duration.ofHours(2)), "AnyDesk.exe"));
        }
        if (i % 15 == 4 && day == 2) {
          events.add(edr(user, morning.plus(Duration.ofHours(3)), 40));
        }
      }
    }
    plantOperatives();
  }

  private void plantOperatives() {
    for (String operative : OPERATIVES) {
      identity(operative, "Engineering", "2025-02-17");
    }
    for (int day = 0; day < 3; day++) {
      Instant morning = DAY_1.plus(Duration.ofDays(day)).plus(Duration.ofHours(14));
      // Anna and Chen hide behind Astrill and share one farm laptop with Boris.
      for (String op : List.of("op-anna", "op-chen")) {
        events.add(
            login(op, morning, "Astrill Financial Inc.", 206092, "US", 37.77, -122.42, null));
      }
      for (String op : List.of("op-anna", "op-boris", "op-chen")) {
        events.add(mfa(op, morning.plus(Duration.ofMinutes(10)), "farm-laptop-1"));
      }
      // Dmitri's laptop is driven over AnyDesk from far away, every day.
      events.add(login("op-dmitri", morning, "Comcast Cable", 7922, "US", 40.71, -74.0, null));
      events.add(process("op-dmitri", morning.plusSeconds(60), "AnyDesk.exe"));
      for (int sample = 0; sample < 16; sample++) {
        events.add(
            latency(
                "op-dmitri",
                morning.plus(Duration.ofMinutes(30L * sample)),
                160 + random.nextInt(60)));
      }
      events.add(login("op-boris", morning, "Comcast Cable", 7922, "US", 40.71, -74.0, null));
    }
    // Boris also plugs in a PiKVM on day 2.
    ObjectNode kvm = base("op-boris", DAY_1.plus(Duration.ofDays(1)).plus(Duration.ofHours(15)));
    kvm.with("event").put("action", "peripheral-connected").putArray("category").add("host");
    kvm.putObject("device").put("manufacturer", "PiKVM").putObject("model").put("name", "PiKVM V4");
    events.add(kvm);
  }

  private List<Alert> inEventTimeOrder() {
    events.sort(Comparator.comparing(event -> event.get("@timestamp").asText()));
    List<Alert> alerts = new ArrayList<>();
    for (ObjectNode event : events) {
      if (event.has("_ip")) {
        event.with("source").put("ip", event.remove("_ip").asText());
      }
      alerts.add(
          new Alert(alerts.size() + 1, Instant.parse(event.get("@timestamp").asText()), event));
    }
    return alerts;
  }

  private void identity(String user, String department, String hireDate) {
    identities
        .addObject()
        .put("user.name", user)
        .put("declared_country", "US")
        .put("hire_date", hireDate)
        .put("department", department);
  }

  private ObjectNode base(String user, Instant at) {
    ObjectNode event = TestAlerts.JSON.createObjectNode();
    event.put("@timestamp", at.toString());
    event.putObject("event").put("kind", "event");
    event.putObject("user").put("name", user);
    event.putObject("host").put("name", user + "-laptop");
    return event;
  }

  private ObjectNode login(
      String user,
      Instant at,
      String org,
      long asn,
      String country,
      double lat,
      double lon,
      String tag) {
    ObjectNode event = base(user, at);
    event.with("event").put("action", "user-login").put("outcome", "success");
    event.with("event").putArray("category").add("authentication");
    ObjectNode source = event.putObject("source");
    source.put("ip", "100.64." + random.nextInt(250) + "." + random.nextInt(250));
    source.putObject("as").put("number", asn).putObject("organization").put("name", org);
    ObjectNode geo = source.putObject("geo").put("country_iso_code", country);
    geo.putObject("location").put("lat", lat).put("lon", lon);
    if (tag != null) {
      event.putArray("tags").add(tag);
    }
    return event;
  }

  private ObjectNode mfa(String user, Instant at, String device) {
    ObjectNode event = base(user, at);
    event.with("event").put("action", "mfa-challenge").put("outcome", "success");
    event.with("event").putArray("category").add("authentication");
    event.putObject("device").put("id", device);
    return event;
  }

  private ObjectNode latency(String user, Instant at, int millis) {
    ObjectNode event = base(user, at);
    event.with("event").put("action", "input-latency").put("duration", millis * 1_000_000L);
    return event;
  }

  private ObjectNode clone(String user, Instant at, String repo) {
    ObjectNode event = base(user, at);
    event.with("event").put("action", "repository-clone");
    event.putObject("url").put("full", "https://git.example.com/" + repo + ".git");
    return event;
  }

  private ObjectNode process(String user, Instant at, String name) {
    ObjectNode event = base(user, at);
    event.with("event").put("action", "process-started").putArray("type").add("start");
    event.with("event").putArray("category").add("process");
    event.putObject("process").put("name", name);
    return event;
  }

  private ObjectNode edr(String user, Instant at, int risk) {
    ObjectNode event = base(user, at);
    event.with("event").put("kind", "alert").put("risk_score", risk);
    event.putObject("rule").put("name", "Suspicious PowerShell");
    return event;
  }
}
