package dev.bulwark.rules.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads identity records: a JSON array of objects with {@code user.name} (required), {@code
 * user.email}, {@code declared_country}, {@code hire_date} (ISO date), {@code department}, {@code
 * manager_email} and {@code privileged}. Dotted names may be written flat ({@code "user.name"}) or
 * nested ({@code "user": {"name": ...}}). Every problem is reported with the record's index.
 */
public final class IdentityRecords {

  private static final ObjectMapper JSON = new ObjectMapper();
  // One @, something on each side, a dot in the domain: catches typos and swapped fields, while
  // leaving the finer points of RFC 5321 to the mail server.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

  private IdentityRecords() {}

  /** Thrown with every problem found, each naming the record and field. */
  public static final class InvalidIdentitiesException extends IllegalArgumentException {
    private final List<String> problems;

    InvalidIdentitiesException(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  public static List<Identity> parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new InvalidIdentitiesException(
          List.of("the body is not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
    }
    return parse(root);
  }

  public static List<Identity> parse(JsonNode root) {
    if (root == null || !root.isArray()) {
      throw new InvalidIdentitiesException(
          List.of("expected a JSON array of identity records, got " + kind(root)));
    }
    List<String> problems = new ArrayList<>();
    List<Identity> identities = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode record = root.get(i);
      String at = "$[" + i + "]";
      if (!record.isObject()) {
        problems.add(at + " must be an object, got " + kind(record));
        continue;
      }
      int before = problems.size();
      String user = text(record, "user.name", at, problems);
      if (user == null && problems.size() == before) {
        problems.add(at + ".user.name is required");
      }
      String country = text(record, "declared_country", at, problems);
      if (country != null && !country.matches("[A-Za-z]{2}")) {
        problems.add(
            at
                + ".declared_country must be an ISO 3166-1 alpha-2 code like \"US\", got \""
                + country
                + "\"");
      }
      String hire = text(record, "hire_date", at, problems);
      LocalDate hireDate = null;
      if (hire != null) {
        try {
          hireDate = LocalDate.parse(hire);
        } catch (DateTimeParseException e) {
          problems.add(at + ".hire_date must be an ISO date like 2026-01-31, got \"" + hire + "\"");
        }
      }
      JsonNode privileged = field(record, "privileged");
      if (!privileged.isMissingNode() && !privileged.isNull() && !privileged.isBoolean()) {
        problems.add(at + ".privileged must be true or false, got " + kind(privileged));
      }
      if (user != null && !seen.add(user.toLowerCase(Locale.ROOT))) {
        problems.add(at + ".user.name \"" + user + "\" appears more than once");
      }
      String email = email(record, "user.email", at, problems);
      String department = text(record, "department", at, problems);
      // The playbooks notify the manager: an address that cannot be one is caught here, not when
      // an incident needs it.
      String managerEmail = email(record, "manager_email", at, problems);
      if (problems.size() == before) {
        identities.add(
            new Identity(
                user,
                email,
                country == null ? null : country.toUpperCase(Locale.ROOT),
                hireDate,
                department,
                managerEmail,
                privileged.asBoolean(false)));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidIdentitiesException(problems);
    }
    return identities;
  }

  private static String email(JsonNode record, String name, String at, List<String> problems) {
    String email = text(record, name, at, problems);
    if (email != null && !EMAIL.matcher(email).matches()) {
      problems.add(
          at + "." + name + " must be an e-mail address like a@example.com, got \"" + email + "\"");
      return null;
    }
    return email;
  }

  private static String text(JsonNode record, String name, String at, List<String> problems) {
    JsonNode value = field(record, name);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(at + "." + name + " must be a string, got " + kind(value));
      return null;
    }
    String text = value.asText().strip();
    return text.isEmpty() ? null : text;
  }

  /** The field by its flat dotted name, else by the nested path. */
  private static JsonNode field(JsonNode record, String name) {
    if (record.has(name)) {
      return record.get(name);
    }
    JsonNode node = record;
    for (String part : name.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  private static String kind(JsonNode node) {
    return node == null || node.isMissingNode()
        ? "nothing"
        : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
