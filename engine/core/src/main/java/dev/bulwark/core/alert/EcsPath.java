package dev.bulwark.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Reads a field of an ECS document by its dotted name. ECS producers write fields both nested
 * ({@code {"user": {"name": "x"}}}) and flat ({@code {"user.name": "x"}}), and Elastic Security
 * alerts mix the two ({@code "kibana.alert.rule.name"} next to nested {@code host}), so the whole
 * name is tried as one key first, then each split at a dot, shortest first key first.
 */
public final class EcsPath {

  private EcsPath() {}

  /** The value at {@code path}, or a {@link MissingNode} when the document does not have it. */
  public static JsonNode get(JsonNode document, String path) {
    if (document == null || !document.isObject()) {
      return MissingNode.getInstance();
    }
    JsonNode whole = document.get(path);
    if (whole != null) {
      return whole;
    }
    int dot = path.indexOf('.');
    while (dot > 0) {
      JsonNode head = document.get(path.substring(0, dot));
      if (head != null && head.isObject()) {
        JsonNode found = get(head, path.substring(dot + 1));
        if (!found.isMissingNode()) {
          return found;
        }
      }
      dot = path.indexOf('.', dot + 1);
    }
    return MissingNode.getInstance();
  }
}
