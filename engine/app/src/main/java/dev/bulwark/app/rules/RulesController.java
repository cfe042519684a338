package dev.bulwark.app.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.app.web.BadRequestException;
import dev.bulwark.app.web.NotFoundException;
import dev.bulwark.rules.RuleCompilationException;
import dev.bulwark.rules.RuleMetadata;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.RuleSetCompiler;
import dev.bulwark.rules.reference.IdentityRecords;
import dev.bulwark.rules.reference.ReferenceData;
import dev.bulwark.rules.scenario.ScenarioRunner;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The rule set in force, its reload, and validation of candidate rules. */
@RestController
class RulesController {

  /** The file name a single DRL posted as text/plain is reported under. */
  static final String SINGLE_FILE = "rule.drl";

  private final LiveRules rules;
  private final ObjectMapper json;
  private final BacktestJobs backtests;

  RulesController(LiveRules rules, ObjectMapper json, BacktestJobs backtests) {
    this.rules = rules;
    this.json = json;
    this.backtests = backtests;
  }

  /**
   * Starts a backtest: {@code {"from": ISO-8601, "to": ISO-8601, "files": {...}}} (files optional:
   * the rule files on disk by default). Answers 202 with the job to poll.
   */
  @PostMapping(value = "/api/v1/rules/backtest", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> backtest(@RequestBody(required = false) String body) {
    JsonNode root = readJson(body);
    Instant from = instant(root, "from");
    Instant to = instant(root, "to");
    if (!from.isBefore(to)) {
      throw new BadRequestException("from (" + from + ") must be before to (" + to + ")");
    }
    Map<String, String> files = root.has("files") ? files(body) : rules.sources();
    RuleSet candidate;
    try {
      candidate = new RuleSetCompiler().compile(files);
    } catch (RuleCompilationException e) {
      Map<String, Object> invalid = new LinkedHashMap<>();
      invalid.put("valid", false);
      invalid.put("errors", errors(e.problems()));
      return ResponseEntity.unprocessableEntity().body(invalid);
    }
    BacktestJobs.Job job = backtests.start(candidate, from, to);
    return ResponseEntity.accepted()
        .header("Location", "/api/v1/rules/backtest/" + job.id)
        .body(job.view());
  }

  /**
   * Runs scenarios: {@code {"files": {...} (optional; the rule set in force by default),
   * "identities": [...] (optional; the live ones by default), "scenarios": [{"name", "events":
   * [ECS...], "expected": [{"ruleId", "entityKey", ...}]}]}}.
   */
  @PostMapping(value = "/api/v1/rules/test", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> test(@RequestBody(required = false) String body) {
    JsonNode root = readJson(body);
    RuleSet set = rules.current();
    if (root.has("files")) {
      try {
        set = new RuleSetCompiler().compile(files(body));
      } catch (RuleCompilationException e) {
        Map<String, Object> invalid = new LinkedHashMap<>();
        invalid.put("valid", false);
        invalid.put("errors", errors(e.problems()));
        return ResponseEntity.unprocessableEntity().body(invalid);
      }
    }
    ReferenceData reference = rules.reference();
    if (root.has("identities")) {
      reference = new ReferenceData(rules.reference().anonymisingNetworks());
      reference.replaceCorporateNetworks(rules.reference().corporateNetworks());
      try {
        reference.replaceIdentities(IdentityRecords.parse(root.get("identities")));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("identities: " + e.getMessage());
      }
    }
    JsonNode scenarios = root.get("scenarios");
    if (scenarios == null || !scenarios.isArray() || scenarios.isEmpty()) {
      throw new BadRequestException(
          "expected \"scenarios\": [{\"name\", \"events\": [...], \"expected\": [...]}]");
    }
    ScenarioRunner runner = new ScenarioRunner(set, reference);
    List<ScenarioRunner.Result> results = new ArrayList<>();
    for (int i = 0; i < scenarios.size(); i++) {
      results.add(runner.run(scenario(scenarios.get(i), i)));
    }
    long failed = results.stream().filter(result -> !result.passed()).count();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("version", set.version());
    answer.put("passed", results.size() - failed);
    answer.put("failed", failed);
    answer.put("results", results);
    return ResponseEntity.ok(answer);
  }

  private static ScenarioRunner.Scenario scenario(JsonNode node, int index) {
    String at = "scenarios[" + index + "]";
    JsonNode events = node.get("events");
    JsonNode expected = node.get("expected");
    if (events == null || !events.isArray() || expected == null || !expected.isArray()) {
      throw new BadRequestException(at + " needs \"events\" and \"expected\" arrays");
    }
    List<ObjectNode> eventList = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (!events.get(i).isObject()) {
        throw new BadRequestException(at + ".events[" + i + "] must be an ECS object");
      }
      eventList.add((ObjectNode) events.get(i));
    }
    List<JsonNode> expectedList = new ArrayList<>();
    expected.forEach(expectedList::add);
    String name = node.path("name").asText(at);
    return new ScenarioRunner.Scenario(name, eventList, expectedList);
  }

  @GetMapping("/api/v1/rules/backtest/{id}")
  Map<String, Object> backtestJob(@PathVariable String id) {
    return backtests
        .find(id)
        .map(BacktestJobs.Job::view)
        .orElseThrow(() -> new NotFoundException("no backtest " + id));
  }

  private static Instant instant(JsonNode root, String field) {
    JsonNode value = root.get(field);
    try {
      return Instant.parse(value.asText());
    } catch (RuntimeException e) {
      throw new BadRequestException(
          field + " must be an ISO-8601 instant like 2026-11-20T00:00:00Z, got " + value);
    }
  }

  private JsonNode readJson(String body) {
    try {
      JsonNode root = body == null ? null : json.readTree(body);
      if (root == null || !root.isObject()) {
        throw new BadRequestException("expected a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new BadRequestException("the body is not valid JSON: " + e.getMessage());
    }
  }

  @GetMapping("/api/v1/rules")
  Map<String, Object> inForce() {
    RuleSet set = rules.current();
    List<Map<String, Object>> list = new ArrayList<>();
    for (RuleMetadata rule : set.rules()) {
      Map<String, Object> each = new LinkedHashMap<>();
      each.put("id", rule.id());
      each.put("name", rule.name());
      each.put("file", rule.file());
      each.put("severity", rule.severity().label());
      each.put("risk", rule.risk());
      each.put("window", rule.window().toString());
      each.put("playbook", rule.playbook());
      list.add(each);
    }
    return Map.of("version", set.version(), "rules", list);
  }

  @PostMapping("/api/v1/rules/reload")
  Map<String, Object> reload() {
    LiveRules.Reload reload = rules.reload();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("swapped", reload.swapped());
    body.put("version", reload.version());
    body.put("valid", reload.errors().isEmpty());
    body.put("errors", errors(reload.errors()));
    return body;
  }

  @PostMapping(value = "/api/v1/rules/validate", consumes = MediaType.TEXT_PLAIN_VALUE)
  Map<String, Object> validateOne(@RequestBody(required = false) String drl) {
    return validate(Map.of(SINGLE_FILE, drl == null ? "" : drl));
  }

  @PostMapping(value = "/api/v1/rules/validate", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> validateMany(@RequestBody(required = false) String body) {
    return validate(files(body));
  }

  private Map<String, Object> validate(Map<String, String> files) {
    List<RuleCompilationException.Problem> problems = List.of();
    try {
      new RuleSetCompiler().compile(files);
    } catch (RuleCompilationException e) {
      problems = e.problems();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("valid", problems.isEmpty());
    body.put("errors", errors(problems));
    return body;
  }

  private Map<String, String> files(String body) {
    JsonNode root;
    try {
      root = body == null ? null : json.readTree(body);
    } catch (IOException e) {
      throw new BadRequestException("the body is not valid JSON: " + e.getMessage());
    }
    JsonNode files = root == null ? null : root.get("files");
    if (files == null || !files.isObject() || files.isEmpty()) {
      throw new BadRequestException(
          "expected {\"files\": {\"name.drl\": \"<DRL text>\", ...}} with at least one file");
    }
    Map<String, String> byName = new TreeMap<>();
    files
        .fields()
        .forEachRemaining(
            entry -> {
              if (!entry.getValue().isTextual()) {
                throw new BadRequestException(
                    "files." + entry.getKey() + " must be the DRL text as a string");
              }
              byName.put(entry.getKey(), entry.getValue().asText());
            });
    return byName;
  }

  /** Line and column are 1-based; 0 when not known (a metadata problem has no column). */
  private static List<Map<String, Object>> errors(List<RuleCompilationException.Problem> problems) {
    List<Map<String, Object>> errors = new ArrayList<>();
    for (RuleCompilationException.Problem problem : problems) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("file", problem.file());
      error.put("line", problem.line());
      error.put("column", problem.column());
      error.put("message", problem.text());
      errors.add(error);
    }
    return errors;
  }
}
