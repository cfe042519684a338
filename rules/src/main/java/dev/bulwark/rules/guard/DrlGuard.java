package dev.bulwark.rules.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Uploaded DRL is code that runs inside the engine, which holds the keys to disable anyone. This
 * guard admits only rules that import and name types from an allow-list, and refuses the parts of
 * Java that reach outside the rule: {@code System}, {@code Runtime}, processes, threads, reflection
 * and class loading, files, sockets. It reads the DRL as a token stream with comments and string
 * literals removed, so a name hidden in a comment does not count and a call hidden in a string
 * cannot run; unicode escapes (which Java decodes before compiling) are refused outright.
 *
 * <p>Call {@link #check} on every uploaded or reloaded rule file before it is compiled.
 */
public final class DrlGuard {

  /** Packages and types a rule may import or name in full. */
  private static final List<String> ALLOWED_PREFIXES =
      List.of(
          "dev.bulwark.rules.AlertEvent",
          "dev.bulwark.rules.DecisionEmitter",
          // The remote IT worker pack's facts and helpers: values and pure functions only.
          "dev.bulwark.rules.Trace",
          "dev.bulwark.rules.LatencyDay",
          "dev.bulwark.rules.LatencySpan",
          "dev.bulwark.rules.LatencySample",
          "dev.bulwark.rules.DeviceDay",
          "dev.bulwark.rules.DeviceSpan",
          "dev.bulwark.rules.DeviceUse",
          "dev.bulwark.rules.LoginDay",
          "dev.bulwark.rules.TravelPair",
          "dev.bulwark.rules.LocatedLogin",
          "dev.bulwark.rules.Geo",
          "dev.bulwark.rules.KnownTools",
          "dev.bulwark.rules.reference.ReferenceData",
          "dev.bulwark.core.incident.Severity",
          "java.util.List",
          "java.util.Map",
          "java.util.Set",
          "java.util.Collection",
          "java.util.Objects",
          "java.util.Locale",
          "java.time.",
          "java.lang.Math",
          "java.lang.String",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Double",
          "java.lang.Number",
          "java.lang.Boolean");

  /** Names reachable without an import (java.lang) or by fluent calls, that leave the sandbox. */
  private static final Set<String> DENIED_NAMES =
      Set.of(
          "System",
          "Runtime",
          "ProcessBuilder",
          "Process",
          "ProcessHandle",
          "Thread",
          "ThreadGroup",
          "ThreadLocal",
          "InheritableThreadLocal",
          "Class",
          "ClassLoader",
          "ModuleLayer",
          "Module",
          "SecurityManager",
          "StackWalker",
          "getClass",
          "forName",
          "getDeclaredMethod",
          "getDeclaredField",
          "getMethod",
          "getField",
          "newInstance",
          "invoke",
          "setAccessible",
          "getRuntime",
          "exec",
          "exit",
          "halt",
          "loadLibrary",
          "load",
          "File",
          "Files",
          "Paths",
          "Path",
          "Socket",
          "ServerSocket",
          "URL",
          "URI",
          "HttpClient",
          "Executors",
          "ExecutorService",
          "CompletableFuture",
          "ForkJoinPool",
          "MethodHandles",
          "Unsafe",
          "ScriptEngineManager",
          "ObjectInputStream",
          "InitialContext",
          "getKieRuntime",
          "getKieBase");

  private static final Pattern IMPORT =
      Pattern.compile("\\bimport\\s+(?:function\\s+|static\\s+|accumulate\\s+)?([\\w.*]+)");
  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(?:java|javax|jdk|sun|com|org|net|io|dev)\\s*\\.\\s*[\\w.\\s]*\\w");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$]*");
  private static final Pattern DIALECT = Pattern.compile("\\bdialect\\s+\"(\\w+)\"");

  private DrlGuard() {}

  /** A reason to refuse a rule file, and where it is (1-based line and column). */
  public record Finding(int line, int column, String text) {

    /** The finding at {@code index} of {@code text} (or of a text with the same layout). */
    static Finding at(String text, int index, String reason) {
      return new Finding(
          DrlGuard.line(text, index), index - DrlGuard.lineStart(text, index) + 1, reason);
    }
  }

  /**
   * Every reason the rule file may not be loaded; empty if it may. {@code RuleSetCompiler} reports
   * them as problems of the file, before Drools sees it.
   */
  public static List<Finding> findings(String drl) {
    List<Finding> found = new ArrayList<>();
    if (drl.contains("\\u")) {
      found.add(Finding.at(drl, drl.indexOf("\\u"), "unicode escapes are not allowed"));
    }
    String code = stripCommentsAndStrings(drl);
    // Read on the raw text: literals are blanked in the code the other checks read.
    Matcher dialect = DIALECT.matcher(drl);
    Matcher imports = IMPORT.matcher(code);
    while (imports.find()) {
      String name = imports.group(1);
      if (!allowed(name)) {
        found.add(
            Finding.at(code, imports.start(), "import " + name + " is not on the allow-list"));
      }
    }
    Matcher qualified = QUALIFIED.matcher(code);
    while (qualified.find()) {
      String name = qualified.group().replaceAll("\\s+", "");
      if (!allowed(name)
          && !code.substring(lineStart(code, qualified.start()), qualified.start())
              .matches(".*\\b(import|package|global)\\s+$")) {
        found.add(Finding.at(code, qualified.start(), name + " is not on the allow-list"));
      }
    }
    Matcher words = WORD.matcher(code);
    while (words.find()) {
      if (DENIED_NAMES.contains(words.group())) {
        found.add(
            Finding.at(
                code,
                words.start(),
                words.group()
                    + " is not allowed in rules (no system, process, thread, reflection, file or"
                    + " network access)"));
      }
    }
    while (dialect.find()) {
      if (!dialect.group(1).equals("java")) {
        found.add(Finding.at(drl, dialect.start(), "only the java dialect is allowed"));
      }
    }
    return found;
  }

  private static boolean allowed(String name) {
    if (name.startsWith("dev.bulwark.rules.") && !name.contains("guard")) {
      // The rule pack's own package: rules name their package and functions under it.
      return ALLOWED_PREFIXES.stream().anyMatch(name::startsWith)
          || name.matches("dev\\.bulwark\\.rules(\\.[a-z_]\\w*)*(\\.\\*)?");
    }
    return ALLOWED_PREFIXES.stream().anyMatch(name::startsWith);
  }

  /** Blanks comments and string and character literals, keeping line breaks for line numbers. */
  static String stripCommentsAndStrings(String drl) {
    StringBuilder out = new StringBuilder(drl.length());
    int i = 0;
    while (i < drl.length()) {
      char c = drl.charAt(i);
      if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '/' || c == '#') {
        while (i < drl.length() && drl.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '*') {
        int end = drl.indexOf("*/", i + 2);
        end = end < 0 ? drl.length() : end + 2;
        for (; i < end; i++) {
          out.append(drl.charAt(i) == '\n' ? '\n' : ' ');
        }
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < drl.length() && drl.charAt(j) != c && drl.charAt(j) != '\n') {
          j += drl.charAt(j) == '\\' ? 2 : 1;
        }
        int end = Math.min(j + 1, drl.length());
        out.append(" ".repeat(end - i));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int lineStart(String text, int index) {
    return text.lastIndexOf('\n', Math.max(0, index - 1)) + 1;
  }

  private static int line(String text, int index) {
    int line = 1;
    for (int k = 0; k < index && k < text.length(); k++) {
      if (text.charAt(k) == '\n') {
        line++;
      }
    }
    return line;
  }
}
