package dev.bulwark.app.reference;

import java.util.Locale;
import java.util.Optional;

/** The network lists the rules read, by the name they have in the API and the database. */
public enum NetworkList {
  /** VPN, VPS, hosting and proxy providers: a login from one is a weak signal. */
  ANONYMISING,
  /** The company's own egress networks: a login from one is trusted whatever its AS says. */
  CORPORATE;

  /** The name in {@code /api/v1/reference/networks/{name}} and the {@code network_list} row. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<NetworkList> byKey(String key) {
    for (NetworkList list : values()) {
      if (list.key().equals(key)) {
        return Optional.of(list);
      }
    }
    return Optional.empty();
  }
}
