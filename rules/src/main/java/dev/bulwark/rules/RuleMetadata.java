package dev.bulwark.rules;

import dev.bulwark.core.incident.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a rule declares about itself in its DRL annotations:
 *
 * <pre>
 * rule "Brute force followed by a successful login"
 *     &#64;id("3b1f...")        // required: a UUID that never changes, the incident's rule id
 *     &#64;severity("high")     // required: low, medium, high or critical
 *     &#64;risk(73)             // required: integer 0-100
 *     &#64;playbook("contain_compromised_account")  // optional: BPMN process id to start
 *     &#64;window("10m")        // optional: how far back in event time it correlates; default 1h
 *     &#64;description("...")   // optional here, required of bundled rules by the catalog test
 *     &#64;mitre("T1110")       // optional here, required of bundled rules by the catalog test
 *     &#64;falsePositives("...") &#64;references("https://...")  // likewise
 *     &#64;partition("global")  // optional: correlates across identities; default identity
 * </pre>
 *
 * @param file the DRL file the rule came from, or {@code null} when read from a bare KieBase
 */
public record RuleMetadata(
    String id,
    String name,
    Severity severity,
    int risk,
    String playbook,
    Duration window,
    String description,
    String mitre,
    String file,
    String falsePositives,
    String references,
    RulePartition partition) {

  /**
   * The window of a rule that does not declare one. The longest allowed, so a restart replays
   * enough for any rule; single-alert rules declare {@code @window("0s")}.
   */
  public static final Duration DEFAULT_WINDOW = AlertEvent.MAX_WINDOW;

  /**
   * The longest window a rule may declare: what a {@link Trace} stays after the allowed lateness. A
   * rule that looks back more than {@link AlertEvent#MAX_WINDOW} must match traces, not alerts.
   */
  public static final Duration MAX_WINDOW = Trace.EXPIRY.minus(AlertEvent.ALLOWED_LATENESS);

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d))+");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  /**
   * Reads a rule's metadata, adding one sentence per problem to {@code problems}; returns {@code
   * null} when there was any.
   */
  static RuleMetadata read(
      String ruleName, Map<String, Object> meta, String file, List<String> problems) {
    int before = problems.size();
    String id = text(meta, "id");
    if (id == null) {
      problems.add("@id is missing; give the rule a fixed UUID, e.g. @id(\"" + example() + "\")");
    } else if (!UUID_TEXT.matcher(id).matches()) {
      problems.add("@id must be a UUID (8-4-4-4-12 hex digits), got \"" + id + "\"");
    }
    Severity severity = null;
    String severityText = text(meta, "severity");
    if (severityText == null) {
      problems.add("@severity is missing; one of low, medium, high, critical");
    } else {
      try {
        severity = Severity.parse(severityText);
      } catch (IllegalArgumentException e) {
        problems.add("@" + e.getMessage());
      }
    }
    int risk = risk(meta.get("risk"), problems);
    String playbook = text(meta, "playbook");
    if (playbook != null && playbook.isBlank()) {
      problems.add("@playbook must name a playbook when present, got an empty string");
    }
    Duration window = window(text(meta, "window"), problems);
    RulePartition partition = RulePartition.IDENTITY;
    if (text(meta, "partition") != null) {
      try {
        partition = RulePartition.parse(text(meta, "partition"));
      } catch (IllegalArgumentException e) {
        problems.add("@" + e.getMessage());
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new RuleMetadata(
        id,
        ruleName,
        severity,
        risk,
        playbook,
        window,
        text(meta, "description"),
        text(meta, "mitre"),
        file,
        text(meta, "falsePositives"),
        text(meta, "references"),
        partition);
  }

  /** The partition a rule declares; identity when it declares none (validated by {@link #read}). */
  static RulePartition partition(Map<String, Object> meta) {
    String text = text(meta, "partition");
    return text == null ? RulePartition.IDENTITY : RulePartition.parse(text);
  }

  /** Reads a rule's metadata or fails naming the rule and every problem. */
  static RuleMetadata of(String ruleName, Map<String, Object> meta) {
    List<String> problems = new ArrayList<>();
    RuleMetadata metadata = read(ruleName, meta, null, problems);
    if (metadata == null) {
      throw new IllegalStateException(
          "rule \"" + ruleName + "\" has invalid metadata: " + String.join("; ", problems));
    }
    return metadata;
  }

  /** Parses a duration like {@code 10m}, {@code 1h30m}, {@code 0s} or {@code 500ms}. */
  static Duration parseDuration(String text) {
    if (text == null || !DURATION.matcher(text.trim()).matches()) {
      throw new IllegalArgumentException(
          "expected a duration like 10m, 1h30m, 0s or 500ms, got \"" + text + "\"");
    }
    Duration total = Duration.ZERO;
    var part = DURATION_PART.matcher(text.trim());
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total =
          total.plus(
              switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
              });
    }
    return total;
  }

  private static int risk(Object value, List<String> problems) {
    if (value == null) {
      problems.add("@risk is missing; an integer from 0 to 100, e.g. @risk(73)");
      return 0;
    }
    String text = unquote(value.toString().strip());
    if (text.matches("\\d{1,3}") && Integer.parseInt(text) <= 100) {
      return Integer.parseInt(text);
    }
    problems.add("@risk must be an integer from 0 to 100, got " + value);
    return 0;
  }

  private static Duration window(String text, List<String> problems) {
    if (text == null) {
      return DEFAULT_WINDOW;
    }
    try {
      Duration window = parseDuration(text);
      if (window.compareTo(MAX_WINDOW) > 0) {
        problems.add(
            "@window must be at most "
                + hours(MAX_WINDOW)
                + " (traces expire "
                + hours(Trace.EXPIRY)
                + " after their event time, alerts "
                + hours(AlertEvent.EXPIRY)
                + ", "
                + hours(AlertEvent.ALLOWED_LATENESS)
                + " of which is allowed lateness), got "
                + text);
      }
      return window;
    } catch (IllegalArgumentException e) {
      problems.add("@window: " + e.getMessage());
      return DEFAULT_WINDOW;
    }
  }

  /**
   * The annotation's value as text. The executable model hands over the annotation's source text,
   * so a string still has its quotes and escapes.
   */
  private static String text(Map<String, Object> meta, String key) {
    Object value = meta.get(key);
    return value == null ? null : unquote(value.toString());
  }

  private static String unquote(String text) {
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return text;
  }

  private static String hours(Duration duration) {
    return duration.toHours() + "h";
  }

  private static String example() {
    return UUID.randomUUID().toString();
  }
}
