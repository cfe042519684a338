package dev.bulwark.rules;

import java.util.List;

/** A rule set did not compile or its metadata is invalid; the message lists every problem. */
public final class RuleCompilationException extends RuntimeException {

  private final List<Problem> problems;

  RuleCompilationException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    StringBuilder message =
        new StringBuilder("The rules have ").append(problems.size()).append(" problem(s):");
    problems.forEach(problem -> message.append("\n  ").append(problem));
    return message.toString();
  }

  /**
   * One problem, located in a DRL file, as {@code file:line:column: text} (the form editors and CI
   * logs link to).
   *
   * @param line 1-based, or 0 when unknown
   * @param column 1-based, or 0 when unknown
   */
  public record Problem(String file, int line, int column, String text) {

    /** A problem whose column is not known. */
    public Problem(String file, int line, String text) {
      this(file, line, 0, text);
    }

    @Override
    public String toString() {
      return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + text;
    }
  }
}
