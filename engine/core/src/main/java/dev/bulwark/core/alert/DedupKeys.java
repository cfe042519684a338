package dev.bulwark.core.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The key under which the journal recognises a re-posted alert: the source's {@code event.id} when
 * it has one, otherwise a SHA-256 of the document in canonical form (keys sorted, no whitespace),
 * so that the same alert re-serialised by another producer is still the same.
 */
public final class DedupKeys {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DedupKeys() {}

  public static String of(JsonNode document) {
    JsonNode eventId = EcsPath.get(document, "event.id");
    if (eventId.isTextual() && !eventId.asText().isBlank()) {
      return "id:" + eventId.asText();
    }
    if (eventId.isArray() && eventId.size() > 0 && !eventId.get(0).asText().isBlank()) {
      return "id:" + eventId.get(0).asText();
    }
    return "sha256:" + sha256(canonical(document));
  }

  static String canonical(JsonNode document) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
      writeSorted(document, generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeSorted(JsonNode node, JsonGenerator generator) throws IOException {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      generator.writeStartObject();
      for (String name : names) {
        generator.writeFieldName(name);
        writeSorted(node.get(name), generator);
      }
      generator.writeEndObject();
    } else if (node.isArray()) {
      generator.writeStartArray();
      for (JsonNode element : node) {
        writeSorted(element, generator);
      }
      generator.writeEndArray();
    } else {
      MAPPER.writeTree(generator, node);
    }
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
