package dev.bulwark.app.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.app.web.BadRequestException;
import dev.bulwark.rules.RuleCompilationException;
import dev.bulwark.rules.RuleMetadata;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.RuleSetCompiler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
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

  RulesController(LiveRules rules, ObjectMapper json) {
    this.rules = rules;
    this.json = json;
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

  /** Drools reports lines, not columns, for most errors: column is 0 when not known. */
  private static List<Map<String, Object>> errors(List<RuleCompilationException.Problem> problems) {
    List<Map<String, Object>> errors = new ArrayList<>();
    for (RuleCompilationException.Problem problem : problems) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("file", problem.file());
      error.put("line", problem.line());
      error.put("column", 0);
      error.put("message", problem.text());
      errors.add(error);
    }
    return errors;
  }
}
