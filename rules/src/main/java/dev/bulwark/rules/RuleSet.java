package dev.bulwark.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.kie.api.KieBase;

/**
 * A compiled, validated set of rules: a STREAM-mode KieBase (shareable, thread-safe) and what each
 * rule declares. Sessions are cheap; build one per evaluator with {@code new
 * DroolsRuleEvaluator(ruleSet)}.
 */
public final class RuleSet {

  private final KieBase kieBase;
  private final KieBase identityKieBase;
  private final KieBase globalKieBase;
  private final List<RuleMetadata> rules;
  private final Duration longestWindow;
  private final String version;
  private final SortedMap<String, String> sources;
  private final DocumentFields documentFields;

  RuleSet(
      KieBase kieBase,
      KieBase identityKieBase,
      KieBase globalKieBase,
      List<RuleMetadata> rules,
      Map<String, String> drlByFile) {
    this.kieBase = Objects.requireNonNull(kieBase, "kieBase");
    this.identityKieBase = Objects.requireNonNull(identityKieBase, "identityKieBase");
    this.globalKieBase = Objects.requireNonNull(globalKieBase, "globalKieBase");
    this.rules = List.copyOf(rules);
    this.sources = Collections.unmodifiableSortedMap(new TreeMap<>(drlByFile));
    this.version = version(sources);
    this.documentFields = DocumentFields.of(sources.values());
    this.longestWindow =
        rules.stream()
            .map(RuleMetadata::window)
            .max(Comparator.naturalOrder())
            .orElse(Duration.ZERO);
  }

  /**
   * The rule set's version: the first 12 hex digits of the SHA-256 of its files (names and text, in
   * name order). Equal files give an equal version; incidents record it.
   */
  public String version() {
    return version;
  }

  /** The DRL text by file name it was compiled from. */
  public SortedMap<String, String> sources() {
    return sources;
  }

  static String version(SortedMap<String, String> drlByFile) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      drlByFile.forEach(
          (file, drl) -> {
            sha.update(file.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(drl.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
          });
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** What of an alert's document the rules read: all that an event in a session keeps. */
  DocumentFields documentFields() {
    return documentFields;
  }

  public KieBase kieBase() {
    return kieBase;
  }

  /** A KieBase holding only the rules of one partition kind (ADR 0802). */
  public KieBase kieBase(RulePartition partition) {
    return partition == RulePartition.GLOBAL ? globalKieBase : identityKieBase;
  }

  /** The rules, ordered by file and then rule name. */
  public List<RuleMetadata> rules() {
    return rules;
  }

  /**
   * The longest {@code @window} of any rule (a rule without one counts as {@link
   * RuleMetadata#DEFAULT_WINDOW}): how much event time a restart must replay to rebuild windows.
   */
  public Duration longestWindow() {
    return longestWindow;
  }

  /**
   * How much event time a restart must replay so that the rebuilt session decides as the lost one
   * would have: the longest window plus the allowed lateness, because an alert arriving up to
   * {@link AlertEvent#ALLOWED_LATENESS} late still correlates with the alerts of its window. Zero
   * when no rule looks back at all.
   */
  public Duration replayWindow() {
    return longestWindow.isZero() ? Duration.ZERO : longestWindow.plus(AlertEvent.ALLOWED_LATENESS);
  }

  @Override
  public String toString() {
    return "RuleSet["
        + rules.size()
        + " rules, version "
        + version
        + ", longest window "
        + longestWindow
        + ", replay window "
        + replayWindow()
        + "]";
  }
}
