package dev.bulwark.core.alert;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON shapes that ECS allows for a field. Keyword fields may also hold arrays of keywords. */
enum EcsFieldType {
  KEYWORD("a string or an array of strings") {
    @Override
    boolean accepts(JsonNode value) {
      return value.isTextual() || isArrayOf(value, JsonNode::isTextual);
    }
  },
  TEXT("a string") {
    @Override
    boolean accepts(JsonNode value) {
      return value.isTextual();
    }
  },
  NUMBER("a number") {
    @Override
    boolean accepts(JsonNode value) {
      return value.isNumber();
    }
  },
  IP("an IP address string or an array of them") {
    @Override
    boolean accepts(JsonNode value) {
      return KEYWORD.accepts(value);
    }
  },
  DATE("an ISO-8601 date string or epoch milliseconds") {
    @Override
    boolean accepts(JsonNode value) {
      return (value.isTextual() && Timestamps.parse(value.asText()) != null)
          || value.isIntegralNumber();
    }
  },
  OBJECT("an object") {
    @Override
    boolean accepts(JsonNode value) {
      return value.isObject();
    }
  };

  private final String description;

  EcsFieldType(String description) {
    this.description = description;
  }

  abstract boolean accepts(JsonNode value);

  String description() {
    return description;
  }

  private static boolean isArrayOf(JsonNode value, java.util.function.Predicate<JsonNode> each) {
    if (!value.isArray()) {
      return false;
    }
    for (JsonNode element : value) {
      if (!each.test(element)) {
        return false;
      }
    }
    return true;
  }

  static String describe(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case ARRAY -> "array";
      case OBJECT -> "object";
      case NULL -> "null";
      default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
