package dev.bulwark.rules.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads network lists as JSON arrays, the form the HTTP API takes and the database keeps:
 *
 * <pre>
 * anonymising: [{"as.number": 9009, "description": "M247"}, {"as.organization.name": "Astrill"}]
 * corporate:   [{"cidr": "198.51.100.0/24", "description": "Berlin office"}]
 * </pre>
 *
 * The names follow ECS ({@code source.as.number}, {@code source.as.organization.name}). Every
 * problem is reported with the entry's index and field; an unknown field is an error rather than
 * silently dropped, so a misspelt key does not leave a network unlisted.
 */
public final class NetworkRecords {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_AS_NUMBER = 4_294_967_295L;
  private static final Set<String> ANONYMISING_FIELDS =
      Set.of("as.number", "as.organization.name", "description");
  private static final Set<String> CORPORATE_FIELDS = Set.of("cidr", "description");

  private NetworkRecords() {}

  /** Thrown with every problem found, each naming the entry and field. */
  public static final class InvalidNetworksException extends IllegalArgumentException {
    private final List<String> problems;

    InvalidNetworksException(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  public static AnonymisingNetworks anonymising(String json) {
    JsonNode root = array(json, "anonymising networks");
    List<String> problems = new ArrayList<>();
    List<AnonymisingNetworks.Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      String at = "$[" + i + "]";
      JsonNode entry = root.get(i);
      int before = problems.size();
      if (!object(entry, at, ANONYMISING_FIELDS, problems)) {
        continue;
      }
      JsonNode number = entry.path("as.number");
      String organization = text(entry, "as.organization.name", at, problems);
      String description = text(entry, "description", at, problems);
      Long asNumber = null;
      if (!number.isMissingNode() && !number.isNull()) {
        if (number.canConvertToExactIntegral()
            && number.asLong() >= 0
            && number.asLong() <= MAX_AS_NUMBER) {
          asNumber = number.asLong();
        } else {
          problems.add(
              at
                  + ".as.number must be a whole number from 0 to "
                  + MAX_AS_NUMBER
                  + ", got "
                  + shown(number));
        }
      }
      boolean hasNumber = !number.isMissingNode() && !number.isNull();
      if (hasNumber == (organization != null) && problems.size() == before) {
        problems.add(
            at + " must have exactly one of as.number and as.organization.name, got " + entry);
      }
      String key = hasNumber ? "AS" + asNumber : "org:" + lower(organization);
      if (problems.size() == before && !seen.add(key)) {
        problems.add(at + " lists " + describe(asNumber, organization) + " a second time");
      }
      if (problems.size() == before) {
        entries.add(new AnonymisingNetworks.Entry(asNumber, organization, description));
      }
    }
    failOn(problems);
    return new AnonymisingNetworks(entries);
  }

  public static CorporateNetworks corporate(String json) {
    JsonNode root = array(json, "corporate networks");
    List<String> problems = new ArrayList<>();
    List<CorporateNetworks.Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      String at = "$[" + i + "]";
      JsonNode entry = root.get(i);
      int before = problems.size();
      if (!object(entry, at, CORPORATE_FIELDS, problems)) {
        continue;
      }
      String cidr = text(entry, "cidr", at, problems);
      String description = text(entry, "description", at, problems);
      if (cidr == null && problems.size() == before) {
        problems.add(at + ".cidr is required, e.g. \"198.51.100.0/24\"");
      }
      if (cidr != null) {
        try {
          CorporateNetworks.requireCidr(cidr);
        } catch (IllegalArgumentException e) {
          problems.add(at + ".cidr: " + e.getMessage());
        }
      }
      if (problems.size() == before && !seen.add(lower(cidr))) {
        problems.add(at + " lists \"" + cidr + "\" a second time");
      }
      if (problems.size() == before) {
        entries.add(new CorporateNetworks.Entry(cidr, description));
      }
    }
    failOn(problems);
    return CorporateNetworks.of("$", entries);
  }

  /** An anonymising entry as the API shows it and the database keeps it. */
  public static Map<String, Object> document(AnonymisingNetworks.Entry entry) {
    Map<String, Object> document = new LinkedHashMap<>();
    if (entry.asNumber() != null) {
      document.put("as.number", entry.asNumber());
    } else {
      document.put("as.organization.name", entry.organization());
    }
    if (entry.description() != null) {
      document.put("description", entry.description());
    }
    return document;
  }

  /** A corporate entry as the API shows it and the database keeps it. */
  public static Map<String, Object> document(CorporateNetworks.Entry entry) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("cidr", entry.cidr());
    if (entry.description() != null) {
      document.put("description", entry.description());
    }
    return document;
  }

  private static JsonNode array(String json, String what) {
    JsonNode root;
    try {
      root = JSON.readTree(json == null ? "" : json);
    } catch (IOException e) {
      throw new InvalidNetworksException(
          List.of("the body is not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
    }
    if (root == null || root.isMissingNode() || !root.isArray()) {
      throw new InvalidNetworksException(
          List.of("expected a JSON array of " + what + ", got " + kind(root)));
    }
    return root;
  }

  private static boolean object(
      JsonNode entry, String at, Set<String> fields, List<String> problems) {
    if (!entry.isObject()) {
      problems.add(at + " must be an object, got " + kind(entry));
      return false;
    }
    for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        problems.add(
            at
                + " has an unknown field \""
                + name
                + "\"; expected "
                + String.join(", ", fields.stream().sorted().toList()));
      }
    }
    return true;
  }

  private static String text(JsonNode entry, String name, String at, List<String> problems) {
    JsonNode value = entry.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(at + "." + name + " must be a string, got " + kind(value));
      return null;
    }
    String text = value.asText().strip();
    if (text.isEmpty()) {
      problems.add(at + "." + name + " must not be blank");
      return null;
    }
    return text;
  }

  private static void failOn(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidNetworksException(problems);
    }
  }

  private static String describe(Long asNumber, String organization) {
    return asNumber != null ? "AS" + asNumber : "\"" + organization + "\"";
  }

  private static String shown(JsonNode node) {
    return node.isTextual() ? "\"" + node.asText() + "\"" : node.toString();
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }

  private static String kind(JsonNode node) {
    return node == null || node.isMissingNode()
        ? "nothing"
        : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
