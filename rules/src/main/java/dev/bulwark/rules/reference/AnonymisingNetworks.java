package dev.bulwark.rules.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * VPN, VPS, hosting and proxy providers, by AS number or by a word of their organisation name. The
 * text form, one entry a line ({@code #} starts a comment):
 *
 * <pre>
 * AS9009       # M247
 * org: Astrill
 * </pre>
 */
public final class AnonymisingNetworks {

  /** The classpath resource of the shipped list. */
  public static final String DEFAULT_RESOURCE = "bulwark/reference/anonymising-networks.txt";

  /** The file name that overrides the shipped list in the rules directory. */
  public static final String FILE_NAME = "anonymising-networks.txt";

  private final Set<Long> asNumbers;
  private final List<String> organizations;

  public AnonymisingNetworks(Set<Long> asNumbers, List<String> organizations) {
    this.asNumbers = Set.copyOf(asNumbers);
    this.organizations = organizations.stream().map(org -> org.toLowerCase(Locale.ROOT)).toList();
  }

  /** The list shipped with Bulwark: a starting point, not a complete register. */
  public static AnonymisingNetworks defaults() {
    try (InputStream in =
        AnonymisingNetworks.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource " + DEFAULT_RESOURCE + " is missing");
      }
      return parse(DEFAULT_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the text form; a bad line fails naming the source and line. */
  public static AnonymisingNetworks parse(String source, String text) {
    Set<Long> numbers = new HashSet<>();
    List<String> organizations = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = stripComment(lines.get(i));
      if (line.isEmpty()) {
        continue;
      }
      if (line.regionMatches(true, 0, "org:", 0, 4) && line.length() > 4) {
        organizations.add(line.substring(4).strip());
      } else if (line.matches("(?i)AS\\d{1,10}")) {
        numbers.add(Long.parseLong(line.substring(2)));
      } else {
        problems.add(
            source
                + ":"
                + (i + 1)
                + ": expected \"AS<number>\" or \"org: <name>\", got \""
                + line
                + "\"");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new AnonymisingNetworks(numbers, organizations);
  }

  /** Whether the AS number (as text, e.g. {@code 9009}) or organisation name is listed. */
  public boolean contains(String asNumber, String organization) {
    if (asNumber != null) {
      try {
        if (asNumbers.contains(Long.parseLong(asNumber.strip().replaceFirst("(?i)^AS", "")))) {
          return true;
        }
      } catch (NumberFormatException e) {
        // Not a number: only the organisation name can match.
      }
    }
    if (organization != null) {
      String name = organization.toLowerCase(Locale.ROOT);
      return organizations.stream().anyMatch(name::contains);
    }
    return false;
  }

  public int size() {
    return asNumbers.size() + organizations.size();
  }

  static String stripComment(String line) {
    int hash = line.indexOf('#');
    return (hash >= 0 ? line.substring(0, hash) : line).strip();
  }
}
