package dev.bulwark.core.alert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
    // "{...}{...}" must not quietly become one alert: whatever follows the value is an error.
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  public List<IncomingAlert> parseJson(byte[] body) {
    JsonNode root = readTree(requireUtf8(body), 0, -1);
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
    String[] lines = text.split("\r?\n");
    for (int line = 0; line < lines.length; line++) {
      if (lines[line].isBlank()) {
        continue;
      }
      checkCount(documents.size() + 1);
      documents.add(readTree(lines[line], documents.size(), line + 1));
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
    int total = 0;
    List<IncomingAlert> alerts = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      List<Violation> found = validator.validate(i, documents.get(i));
      if (found.isEmpty()) {
        alerts.add(IncomingAlert.of((ObjectNode) documents.get(i)));
      } else {
        total += found.size();
        int room = MAX_REPORTED_VIOLATIONS - violations.size();
        violations.addAll(found.subList(0, Math.min(room, found.size())));
      }
    }
    if (total > 0) {
      throw new InvalidAlertsException(
          InvalidAlertsException.Kind.INVALID,
          total == 1
              ? violations.get(0).toString()
              : total + " problems, first: " + violations.get(0),
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

  /**
   * @param index the document's position in the batch
   * @param line the NDJSON line it came from, or -1 for a JSON body
   */
  private JsonNode readTree(String json, int index, int line) {
    try {
      JsonNode node = mapper.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new InvalidAlertsException(
            InvalidAlertsException.Kind.EMPTY, "the request body is empty", List.of());
      }
      return node;
    } catch (JsonProcessingException e) {
      String where = line < 0 ? "" : "line " + line + ": ";
      var location = e.getLocation();
      String at =
          location == null
              ? ""
              : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
      Violation violation =
          new Violation(index, null, "malformed JSON: " + e.getOriginalMessage() + at);
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
