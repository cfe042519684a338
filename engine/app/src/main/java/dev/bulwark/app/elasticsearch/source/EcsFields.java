package dev.bulwark.app.elasticsearch.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes an ECS field into a document that may use nested objects, dotted keys or both. */
final class EcsFields {

  private EcsFields() {}

  /**
   * Sets {@code path} to {@code value}: replaces a dotted key of that name when the document has
   * one (so no second, conflicting copy appears), otherwise writes it nested, creating objects.
   */
  static void put(ObjectNode document, String path, JsonNode value) {
    if (document.has(path) || path.indexOf('.') < 0) {
      document.set(path, value);
      return;
    }
    int dot = path.indexOf('.');
    String head = path.substring(0, dot);
    JsonNode child = document.get(head);
    if (child == null || !child.isObject()) {
      if (child != null) {
        // A scalar where ECS has an object: keep the scalar, write the field flat beside it.
        document.set(path, value);
        return;
      }
      child = document.putObject(head);
    }
    put((ObjectNode) child, path.substring(dot + 1), value);
  }
}
