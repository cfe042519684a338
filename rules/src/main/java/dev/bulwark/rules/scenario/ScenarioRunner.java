package dev.bulwark.rules.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.alert.Timestamps;
import dev.bulwark.core.rules.Decision;
import dev.bulwark.rules.DroolsRuleEvaluator;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.reference.ReferenceData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs rule scenarios: ECS events in arrival order (the n-th gets journal seq n) through a fresh
 * evaluator, and compares the decisions with the expected ones, field by field for the fields the
 * expectation names ({@code ruleId}, {@code entityKey}, {@code alertSeqs}, {@code kind}, {@code
 * riskScore}, {@code severity}, {@code playbook}). The HTTP API ({@code POST /api/v1/rules/test})
 * and the command line ({@code java -jar bulwark.jar rules test DIR}) both run scenarios here.
 */
public final class ScenarioRunner {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS =
      List.of("ruleId", "entityKey", "alertSeqs", "kind", "riskScore", "severity", "playbook");

  private final RuleSet rules;
  private final ReferenceData reference;

  public ScenarioRunner(RuleSet rules, ReferenceData reference) {
    this.rules = rules;
    this.reference = reference;
  }

  /** A named list of events and the decisions expected of them. */
  public record Scenario(String name, List<ObjectNode> events, List<JsonNode> expected) {}

  /** Expected and actual decisions (as the fields the expectation names), and the verdict. */
  public record Result(
      String name, boolean passed, List<JsonNode> expected, List<Map<String, Object>> actual) {}

  public Result run(Scenario scenario) {
    List<Decision> decisions = new ArrayList<>();
    try (DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(rules, reference)) {
      long seq = 0;
      for (ObjectNode event : scenario.events()) {
        seq++;
        Instant timestamp = Timestamps.of(event.get("@timestamp"));
        if (timestamp == null) {
          throw new IllegalArgumentException(
              scenario.name() + " event " + seq + ": @timestamp is missing or not ISO-8601");
        }
        decisions.addAll(evaluator.evaluate(new Alert(seq, timestamp, event)));
      }
    }
    List<Map<String, Object>> actual = decisions.stream().map(ScenarioRunner::fields).toList();
    boolean passed = actual.size() == scenario.expected().size();
    for (int i = 0; passed && i < actual.size(); i++) {
      passed = matches(scenario.expected().get(i), actual.get(i));
    }
    return new Result(scenario.name(), passed, scenario.expected(), actual);
  }

  /**
   * The scenarios of a folder laid out as the bundled ones: {@code <rule>/<name>.ndjson} beside
   * {@code <rule>/<name>.expected.json} ({@code {"decisions": [...]}}), at any depth.
   */
  public static List<Scenario> fromDirectory(Path folder) {
    List<Scenario> scenarios = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path events : files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList()) {
        String base = events.getFileName().toString().replace(".ndjson", "");
        Path expected = events.resolveSibling(base + ".expected.json");
        String name = folder.relativize(events).toString().replace(".ndjson", "");
        if (!Files.isRegularFile(expected)) {
          throw new IllegalArgumentException(name + ": " + expected + " is missing");
        }
        scenarios.add(
            new Scenario(name, ndjson(name, read(events)), decisions(name, read(expected))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenarios from " + folder, e);
    }
    return scenarios;
  }

  /** ECS documents, one per line; blank lines skip. */
  public static List<ObjectNode> ndjson(String name, String text) {
    List<ObjectNode> events = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode node = parse(name + " line " + (i + 1), lines.get(i));
      if (!node.isObject()) {
        throw new IllegalArgumentException(name + " line " + (i + 1) + " is not a JSON object");
      }
      events.add((ObjectNode) node);
    }
    return events;
  }

  private static List<JsonNode> decisions(String name, String text) {
    JsonNode decisions = parse(name + ".expected.json", text).get("decisions");
    if (decisions == null || !decisions.isArray()) {
      throw new IllegalArgumentException(name + ".expected.json needs a \"decisions\" array");
    }
    List<JsonNode> list = new ArrayList<>();
    decisions.forEach(list::add);
    return list;
  }

  private static boolean matches(JsonNode expected, Map<String, Object> actual) {
    for (String field : FIELDS) {
      if (expected.has(field)
          && !JSON.valueToTree(actual.get(field)).equals(normalised(expected.get(field)))) {
        return false;
      }
    }
    return true;
  }

  /** Numbers compare by value: 40 and 40.0 are the same risk. */
  private static JsonNode normalised(JsonNode value) {
    if (value.isArray()) {
      List<Long> longs = new ArrayList<>();
      value.forEach(each -> longs.add(each.asLong()));
      return value.size() > 0 && value.get(0).isNumber() ? JSON.valueToTree(longs) : value;
    }
    return value.isNumber() ? JSON.valueToTree(value.asInt()) : value;
  }

  private static Map<String, Object> fields(Decision decision) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("ruleId", decision.ruleId());
    fields.put("ruleName", decision.ruleName());
    fields.put("kind", decision.kind().name());
    fields.put("entityKey", decision.entityKey());
    fields.put("alertSeqs", decision.alertSeqs());
    fields.put("riskScore", decision.riskScore());
    fields.put("severity", decision.severity().label());
    fields.put("playbook", decision.playbook());
    return fields;
  }

  private static JsonNode parse(String what, String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
