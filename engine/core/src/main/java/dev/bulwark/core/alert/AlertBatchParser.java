package dev.bulwark.core.alert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request body (one JSON document, a JSON array of them, or NDJSON) into validated alerts.
 * All or nothing: one bad document rejects the batch, and every problem found is reported so the
 * sender can fix them in one go.
 */
public final class AlertBatchParser {

  /** The most violations reported for one batch; past that the sender has a systematic problem. */
  private static final int MAX_REPORTED_VIOLATIONS = 100;

  private final ObjectMapper mapper;
  private final AlertValidator validator = new AlertValidator();
  private final int maxDocuments;

  public AlertBatchParser(int maxDocuments, int maxNestingDepth) {
    this.maxDocuments = maxDocuments;
    this.mapper = new ObjectMapper();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // "{...} junk" must not pass as the first document with the rest silently dropped.
    mapper.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  public List<IncomingAlert> parseJson(byte[] body) {
    JsonNode root = readTree(requireUtf8(body), -1);
    List<JsonNode> documents = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(documents::add);
    } else {
      documents.add(root);
    }
    return validate(documents);
  }

  public List<IncomingAlert> parseNdjson(byte[] body) {
    String text = requireUtf8(body);
    List<JsonNode> documents = new ArrayList<>();
    int index = 0;
    for (String line : text.split("\r?\n")) {
      if (line.isBlank()) {
        continue;
      }
      checkCount(index + 1);
      documents.add(readTree(line, index));
      index++;
    }
    return validate(documents);
  }

  private List<IncomingAlert> validate(List<JsonNode> documents) {
    if (documents.isEmpty()) {
      throw new InvalidAlertsException(
          InvalidAlertsException.Kind.EMPTY,
          "the request holds no alerts: send one ECS document, an array or NDJSON lines",
          List.of());
    }
    checkCount(documents.size());
    List<Violation> violations = new ArrayList<>();
    List<IncomingAlert> alerts = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      List<Violation> found = validator.validate(i, documents.get(i));
      if (found.isEmpty()) {
        alerts.add(IncomingAlert.of((ObjectNode) documents.get(i)));
      } else if (violations.size() < MAX_REPORTED_VIOLATIONS) {
        violations.addAll(found);
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidAlertsException(
          InvalidAlertsException.Kind.INVALID,
          violations.size() == 1
              ? violations.get(0).toString()
              : violations.size() + " problems, first: " + violations.get(0),
          violations);
    }
    return alerts;
  }

  private void checkCount(int count) {
    if (count > maxDocuments) {
      throw new InvalidAlertsException(
          InvalidAlertsException.Kind.TOO_MANY,
          "a batch holds at most " + maxDocuments + " alerts; split it",
          List.of());
    }
  }

  private JsonNode readTree(String json, int index) {
    try {
      JsonNode node = mapper.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new InvalidAlertsException(
            InvalidAlertsException.Kind.EMPTY, "the request body is empty", List.of());
      }
      return node;
    } catch (JsonProcessingException e) {
      String where = index < 0 ? "" : "line " + (index + 1) + ": ";
      var location = e.getLocation();
      String at =
          location == null
              ? ""
              : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
      Violation violation =
          new Violation(Math.max(index, 0), null, "malformed JSON: " + e.getOriginalMessage() + at);
      throw new InvalidAlertsException(
          InvalidAlertsException.Kind.MALFORMED,
          where + "malformed JSON: " + e.getOriginalMessage() + at,
          List.of(violation));
    } catch (IOException e) {
      throw new IllegalStateException("reading from memory cannot fail", e);
    }
  }

  private static String requireUtf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidAlertsException(
          InvalidAlertsException.Kind.MALFORMED, "the body is not valid UTF-8", List.of());
    }
  }
}
