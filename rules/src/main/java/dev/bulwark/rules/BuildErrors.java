package dev.bulwark.rules;

import dev.bulwark.rules.RuleCompilationException.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.builder.Message;
import org.kie.api.builder.Results;

/**
 * Turns Drools build errors into problems that point at a DRL file and line. The parser locates its
 * errors; the executable model often does not (an unknown field or class comes without a line) or
 * points at Java it generated from a consequence. For those, the line is found by searching the DRL
 * files for what the message quotes (the expression, the class, the method name) and taking it when
 * it occurs exactly once.
 */
final class BuildErrors {

  static final String RESOURCES = "src/main/resources/";
  private static final String GENERATED_JAVA = "src/main/java/";
  private static final Pattern CALLED = Pattern.compile("(\\w+)\\(");
  private static final Pattern UNRESOLVED = Pattern.compile("^(\\S+) cannot be resolved");
  // "[ERR 102] Line 13:0 mismatched input ...": the parser's position, its column 0-based.
  private static final Pattern PARSER_POSITION = Pattern.compile("\\bLine \\d+:(\\d+)\\b");

  private final Map<String, String> fileByResource;
  private final Map<String, String> drlByFile;

  /**
   * @param fileByResource file name by its path under the resources root ({@code
   *     bulwark/rules/x.drl})
   */
  BuildErrors(Map<String, String> fileByResource, Map<String, String> drlByFile) {
    this.fileByResource = fileByResource;
    this.drlByFile = drlByFile;
  }

  List<Problem> problems(Results results) {
    Set<Problem> problems = new LinkedHashSet<>();
    for (Message error : results.getMessages(Message.Level.ERROR)) {
      // Next to each error in generated Java comes a dump of that whole source: noise to a rule
      // author, who gets the error itself, located in the DRL.
      if (!error.getText().startsWith("Java source of ")) {
        problems.add(problem(error));
      }
    }
    // A syntax error also yields an unlocated "Parser returned a null Package" for its file.
    problems.removeIf(
        unlocated ->
            unlocated.line() <= 0
                && problems.stream()
                    .anyMatch(other -> other.line() > 0 && other.file().equals(unlocated.file())));
    return new ArrayList<>(problems);
  }

  private Problem problem(Message error) {
    String path = error.getPath() == null ? "" : error.getPath();
    String text = error.getText().strip();
    String resource = path.startsWith(RESOURCES) ? path.substring(RESOURCES.length()) : path;
    String file = fileByResource.get(resource);
    if (file != null) {
      return error.getLine() > 0
          ? new Problem(file, error.getLine(), parserColumn(text), text)
          : locate(List.of(file), text, text);
    }
    if (path.startsWith(GENERATED_JAVA)) {
      return locate(filesInPackageOf(path), text, text + " (in Java generated from a rule)");
    }
    return new Problem(path.isEmpty() ? "(rule set)" : path, error.getLine(), text);
  }

  /**
   * The 1-based column a parser error names in its text, or 0. {@link Message#getColumn()} does not
   * tell a first column from an unknown one.
   */
  private static int parserColumn(String text) {
    Matcher position = PARSER_POSITION.matcher(text);
    return position.find() ? Integer.parseInt(position.group(1)) + 1 : 0;
  }

  /** The DRL files of the rule package a generated class belongs to (its parent's parent). */
  private List<String> filesInPackageOf(String generatedPath) {
    String folder = generatedPath.substring(GENERATED_JAVA.length());
    for (int i = 0; i < 2 && folder.lastIndexOf('/') >= 0; i++) {
      folder = folder.substring(0, folder.lastIndexOf('/'));
    }
    String packageFolder = folder + "/";
    return fileByResource.entrySet().stream()
        .filter(entry -> entry.getKey().equals(packageFolder + entry.getValue()))
        .map(Map.Entry::getValue)
        .sorted()
        .toList();
  }

  private Problem locate(List<String> files, String text, String reported) {
    for (String snippet : snippets(text)) {
      Problem found = null;
      int hits = 0;
      for (String file : files) {
        List<String> lines = drlByFile.get(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          int at = lines.get(i).indexOf(snippet);
          if (at >= 0) {
            hits++;
            found = new Problem(file, i + 1, at + 1, reported);
          }
        }
      }
      if (hits == 1) {
        return found;
      }
    }
    return new Problem(files.size() == 1 ? files.get(0) : String.join(" or ", files), 0, reported);
  }

  private static List<String> snippets(String text) {
    List<String> snippets = new ArrayList<>();
    int colon = text.lastIndexOf(": ");
    if (colon >= 0) {
      snippets.add(text.substring(colon + 2).strip());
    }
    Matcher unresolved = UNRESOLVED.matcher(text);
    if (unresolved.find()) {
      snippets.add(unresolved.group(1));
    }
    Matcher called = CALLED.matcher(text);
    while (called.find()) {
      snippets.add(called.group(1) + "(");
    }
    snippets.removeIf(snippet -> snippet.length() < 3);
    return snippets;
  }
}
