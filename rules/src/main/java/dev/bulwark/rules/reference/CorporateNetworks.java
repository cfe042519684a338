package dev.bulwark.rules.reference;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The company's own egress networks (offices, the corporate VPN), as CIDRs: a login from them is
 * trusted whatever its AS or geolocation says. The text form is one CIDR a line, {@code #} starts a
 * comment.
 */
public final class CorporateNetworks {

  /** The file name that lists them in the rules directory. */
  public static final String FILE_NAME = "corporate-networks.txt";

  private final List<Cidr> networks;
  private final List<Entry> entries;

  /**
   * One listed network.
   *
   * @param cidr as given, e.g. {@code 198.51.100.0/24}
   * @param description what the network is (the text form's comment), or {@code null}
   */
  public record Entry(String cidr, String description) {}

  private CorporateNetworks(List<Cidr> networks, List<Entry> entries) {
    this.networks = List.copyOf(networks);
    this.entries = List.copyOf(entries);
  }

  public static CorporateNetworks none() {
    return new CorporateNetworks(List.of(), List.of());
  }

  /**
   * The entries as a list; a bad CIDR fails naming {@code source[i]} and what was expected.
   *
   * @param source how to name the list in an error, e.g. {@code $} for a JSON body
   */
  public static CorporateNetworks of(String source, List<Entry> entries) {
    List<Cidr> networks = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      try {
        networks.add(Cidr.parse(entries.get(i).cidr().strip()));
      } catch (IllegalArgumentException e) {
        problems.add(source + "[" + i + "].cidr: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new CorporateNetworks(networks, entries);
  }

  /** Parses CIDRs like {@code 198.51.100.0/24} or {@code 2001:db8::/32}. */
  public static CorporateNetworks parse(String source, List<String> lines) {
    List<Cidr> networks = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = AnonymisingNetworks.stripComment(lines.get(i));
      if (line.isEmpty()) {
        continue;
      }
      try {
        networks.add(Cidr.parse(line));
        entries.add(new Entry(line, AnonymisingNetworks.comment(lines.get(i))));
      } catch (IllegalArgumentException e) {
        problems.add(source + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new CorporateNetworks(networks, entries);
  }

  /** Fails, saying what was expected, unless the text is a CIDR or a single address. */
  public static void requireCidr(String text) {
    Cidr.parse(text.strip());
  }

  public boolean contains(String ip) {
    if (ip == null || networks.isEmpty()) {
      return false;
    }
    byte[] address = Cidr.literal(ip);
    return address != null && networks.stream().anyMatch(cidr -> cidr.contains(address));
  }

  public int size() {
    return networks.size();
  }

  /** Every entry, in the order listed. */
  public List<Entry> entries() {
    return entries;
  }

  private record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException(
            "expected a CIDR like 198.51.100.0/24 or 2001:db8::/32, got \"" + text + "\"");
      }
      int max = address.length * 8;
      int prefix;
      try {
        prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException(
            "the prefix length of \"" + text + "\" must be 0 to " + max);
      }
      return new Cidr(address, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    /** The bytes of an IP literal, without any DNS lookup; {@code null} when not a literal. */
    static byte[] literal(String text) {
      String ip = text.strip();
      boolean v4 = ip.matches("\\d{1,3}(\\.\\d{1,3}){3}");
      boolean v6 = ip.contains(":") && ip.matches("[0-9a-fA-F:.]+");
      if (!v4 && !v6) {
        return null;
      }
      // A literal with an octet over 255 would otherwise be looked up in DNS.
      if (v4 && java.util.Arrays.stream(ip.split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255)) {
        return null;
      }
      try {
        return InetAddress.getByName(ip).getAddress();
      } catch (UnknownHostException e) {
        return null;
      }
    }
  }
}
