package dev.bulwark.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.alert.Alert;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the fields of one alert as {@link Alert#text(String)}, {@link Alert#texts(String)} and
 * {@link Alert#number(String)} do, faster for the usual document: when no key anywhere in it holds
 * a dot, a dotted name can only mean nested objects, so the reader walks them with the name's parts
 * (split once per name) instead of trying every split with new substrings, as {@code EcsPath} must
 * for documents that mix flat and nested keys. Those documents are read through the {@link Alert}.
 */
final class DocumentReader {

  private static final Map<String, String[]> PARTS = new ConcurrentHashMap<>();

  private final Alert alert;
  private final JsonNode document;

  DocumentReader(Alert alert) {
    this.alert = alert;
    JsonNode root = alert.document();
    this.document = root != null && root.isObject() && !hasDottedKey(root) ? root : null;
  }

  String text(String path) {
    if (document == null) {
      return alert.text(path);
    }
    JsonNode value = get(path);
    if (value.isArray()) {
      value = value.path(0);
    }
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  List<String> texts(String path) {
    if (document == null) {
      return alert.texts(path);
    }
    JsonNode value = get(path);
    List<String> texts = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(element -> texts.add(element.asText()));
    } else if (value.isValueNode() && !value.isNull()) {
      texts.add(value.asText());
    }
    return texts;
  }

  Double number(String path) {
    if (document == null) {
      return alert.number(path);
    }
    JsonNode value = get(path);
    return value.isNumber() ? value.asDouble() : null;
  }

  private JsonNode get(String path) {
    JsonNode node = document;
    for (String part : PARTS.computeIfAbsent(path, p -> p.split("\\."))) {
      node = node.path(part);
    }
    return node;
  }

  private static boolean hasDottedKey(JsonNode node) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().indexOf('.') >= 0 || hasDottedKey(field.getValue())) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        if (hasDottedKey(element)) {
          return true;
        }
      }
    }
    return false;
  }
}
