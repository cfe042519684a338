package dev.bulwark.core.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Sample documents for tests: inline one-liners and files under {@code src/test/resources}. */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses a JSON text; single quotes may stand for double quotes to keep one-liners readable. */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad test JSON: " + json, e);
    }
  }

  public static ObjectNode object(String json) {
    return (ObjectNode) parse(json);
  }

  /** The bytes of a test resource, e.g. {@code parser/three-alerts.json}. */
  public static byte[] resourceBytes(String name) {
    try (InputStream in = Json.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String resourceText(String name) {
    return new String(resourceBytes(name), StandardCharsets.UTF_8);
  }

  public static ObjectNode resource(String name) {
    try {
      return (ObjectNode) MAPPER.readTree(resourceBytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
