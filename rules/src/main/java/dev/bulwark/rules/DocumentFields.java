package dev.bulwark.rules;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which parts of an alert's document a rule set reads beyond the fields {@link AlertEvent} always
 * extracts: the fields named in {@code text("...")} calls, and whether any rule needs the whole
 * document ({@code getAlert()}, or {@code text(...)} with a field computed at run time). An event
 * keeps only these, so the facts a session correlates over hours hold a few strings each instead of
 * a parsed document; the document itself stays in the journal.
 */
record DocumentFields(Set<String> texts, boolean wholeDocument) {

  /** The fields {@link AlertEvent#getSummary()} looks at, in order. */
  static final List<String> SUMMARY_FIELDS =
      List.of("rule.name", "kibana.alert.rule.name", "message", "event.action");

  /** Keep everything: what a caller outside a rule set (a test, a tool) gets. */
  static final DocumentFields ALL = new DocumentFields(Set.of(), true);

  // Strings first, so that a "//" inside one (a URL in @references) does not start a comment.
  private static final Pattern STRING_OR_COMMENT =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern LITERAL_TEXT =
      Pattern.compile("\\btext\\s*\\(\\s*\"([^\"\\\\]*)\"\\s*\\)");
  private static final Pattern ANY_TEXT = Pattern.compile("\\btext\\s*\\(");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s[^\\n]*");
  private static final Pattern WHOLE = Pattern.compile("(?<![\\w$])(getAlert|alert)(?![\\w$])");
  private static final Pattern SUMMARY =
      Pattern.compile("(?<![\\w$])(getSummary|summary)(?![\\w$])");

  DocumentFields {
    texts = Set.copyOf(texts);
  }

  /** What the DRL files read; a guess on the safe side (keeps more, never less). */
  static DocumentFields of(Collection<String> drls) {
    Set<String> texts = new TreeSet<>();
    boolean whole = false;
    for (String drl : drls) {
      String code = IMPORT.matcher(withoutComments(drl)).replaceAll(" ");
      Matcher literal = LITERAL_TEXT.matcher(code);
      int literalCalls = 0;
      while (literal.find()) {
        texts.add(literal.group(1));
        literalCalls++;
      }
      String withoutStrings = STRING.matcher(code).replaceAll("\"\"");
      Matcher any = ANY_TEXT.matcher(withoutStrings);
      int allCalls = 0;
      while (any.find()) {
        allCalls++;
      }
      if (allCalls > literalCalls || WHOLE.matcher(withoutStrings).find()) {
        whole = true;
      }
      if (SUMMARY.matcher(withoutStrings).find()) {
        texts.addAll(SUMMARY_FIELDS);
      }
    }
    return new DocumentFields(texts, whole);
  }

  private static String withoutComments(String drl) {
    Matcher token = STRING_OR_COMMENT.matcher(drl);
    StringBuilder code = new StringBuilder(drl.length());
    while (token.find()) {
      String kept = token.group().startsWith("\"") ? token.group() : " ";
      token.appendReplacement(code, Matcher.quoteReplacement(kept));
    }
    token.appendTail(code);
    return code.toString();
  }
}
