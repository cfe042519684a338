package dev.bulwark.core.incident;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The users, hosts and IP addresses an incident is about, without repeats, in first-seen order. */
public record Entities(List<String> users, List<String> hosts, List<String> ips) {

  public Entities {
    users = List.copyOf(users);
    hosts = List.copyOf(hosts);
    ips = List.copyOf(ips);
  }

  public static Entities none() {
    return new Entities(List.of(), List.of(), List.of());
  }

  public Entities merge(Entities other) {
    return new Entities(
        union(users, other.users), union(hosts, other.hosts), union(ips, other.ips));
  }

  private static List<String> union(List<String> a, List<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }
}
