package dev.bulwark.core.incident;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened to an incident, in order: an alert joined, a rule hit, an approval was
 * decided, an action was performed.
 *
 * @param kind {@code alert}, {@code rule_hit}, {@code approval}, {@code action}, {@code playbook}
 * @param details free-form, shown as is
 */
public record TimelineEntry(Instant at, String kind, String summary, Map<String, Object> details) {}
