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
import java.util.stream.Stream;

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
  private final List<Entry> entries;

  /**
   * One listed network: an AS number or a word of the organisation name, with what it is.
   *
   * @param asNumber the AS number, or {@code null} for an organisation entry
   * @param organization a word of the AS organisation name, or {@code null} for an AS entry
   * @param description what the entry is (the text form's comment), or {@code null}
   */
  public record Entry(Long asNumber, String organization, String description) {
    public Entry {
      if ((asNumber == null) == (organization == null)) {
        throw new IllegalArgumentException("an entry is an AS number or an organisation, not both");
      }
    }
  }

  public AnonymisingNetworks(Set<Long> asNumbers, List<String> organizations) {
    this(
        Stream.concat(
                asNumbers.stream().sorted().map(number -> new Entry(number, null, null)),
                organizations.stream().map(org -> new Entry(null, org, null)))
            .toList());
  }

  /** The entries in the order given, as listed by {@link #entries()}. */
  public AnonymisingNetworks(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    Set<Long> numbers = new HashSet<>();
    List<String> names = new ArrayList<>();
    for (Entry entry : this.entries) {
      if (entry.asNumber() != null) {
        numbers.add(entry.asNumber());
      } else {
        names.add(entry.organization().toLowerCase(Locale.ROOT));
      }
    }
    this.asNumbers = Set.copyOf(numbers);
    this.organizations = List.copyOf(names);
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
    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = stripComment(lines.get(i));
      if (line.isEmpty()) {
        continue;
      }
      String comment = comment(lines.get(i));
      if (line.regionMatches(true, 0, "org:", 0, 4) && line.length() > 4) {
        entries.add(new Entry(null, line.substring(4).strip(), comment));
      } else if (line.matches("(?i)AS\\d{1,10}")) {
        entries.add(new Entry(Long.parseLong(line.substring(2)), null, comment));
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
    return new AnonymisingNetworks(entries);
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
    return entries.size();
  }

  /** Every entry, in the order listed. */
  public List<Entry> entries() {
    return entries;
  }

  /** The text after {@code #}, or {@code null} when there is none. */
  static String comment(String line) {
    int hash = line.indexOf('#');
    String comment = hash >= 0 ? line.substring(hash + 1).strip() : "";
    return comment.isEmpty() ? null : comment;
  }

  static String stripComment(String line) {
    int hash = line.indexOf('#');
    return (hash >= 0 ? line.substring(0, hash) : line).strip();
  }
}
