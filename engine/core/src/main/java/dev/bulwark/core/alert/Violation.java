package dev.bulwark.core.alert;

/**
 * One thing wrong with one document of a request.
 *
 * @param index the document's position in the request (0-based; the line for NDJSON is index + 1)
 * @param field the dotted ECS field name, or {@code null} when the document as a whole is wrong
 * @param message what was expected and what was found
 */
public record Violation(int index, String field, String message) {

  @Override
  public String toString() {
    return "alert[" + index + "]" + (field == null ? "" : "." + field) + ": " + message;
  }
}
