package dev.bulwark.core.alert;

import static dev.bulwark.core.testsupport.Json.resource;
import static dev.bulwark.core.testsupport.Json.resourceBytes;
import static dev.bulwark.core.testsupport.Json.resourceText;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bulwark.core.alert.InvalidAlertsException.Kind;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertBatchParserTest {

  private static final String ALERT = "{\"@timestamp\": \"2024-05-01T10:00:00Z\"}";

  private final AlertBatchParser parser = new AlertBatchParser(10, 20);

  @Test
  void readsOneDocumentAsABatchOfOne() {
    List<IncomingAlert> alerts = parser.parseJson(resourceBytes("alerts/valid-full.json"));

    assertThat(alerts)
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.dedupKey()).isEqualTo("id:evt-0001");
              assertThat(alert.timestamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
              assertThat(alert.document()).isEqualTo(resource("alerts/valid-full.json"));
            });
  }

  @Test
  void readsAnArrayOfDocumentsInOrder() {
    List<IncomingAlert> alerts = parser.parseJson(resourceBytes("parser/three-alerts.json"));

    assertThat(alerts)
        .extracting(IncomingAlert::dedupKey)
        .containsExactly("id:a-1", "id:a-2", "id:a-3");
    assertThat(alerts.get(2).timestamp()).isEqualTo(Instant.ofEpochMilli(1714557602000L));
  }

  @Test
  void readsNdjsonSkippingBlankLines() {
    List<IncomingAlert> alerts = parser.parseNdjson(resourceBytes("parser/three-alerts.ndjson"));

    assertThat(alerts)
        .extracting(IncomingAlert::dedupKey)
        .containsExactly("id:a-1", "id:a-2", "id:a-3");
  }

  @Test
  void readsNdjsonWithWindowsLineEndingsAndNoFinalNewline() {
    String crlf = resourceText("parser/three-alerts.ndjson").strip().replace("\n", "\r\n");

    List<IncomingAlert> alerts = parser.parseNdjson(crlf.getBytes(UTF_8));

    assertThat(alerts)
        .extracting(IncomingAlert::dedupKey)
        .containsExactly("id:a-1", "id:a-2", "id:a-3");
  }

  @Test
  void rejectsMalformedJsonNamingLineAndColumn() {
    InvalidAlertsException e = rejectJson(resourceBytes("parser/malformed.json"));

    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(e.getMessage())
        .startsWith("malformed JSON: Unexpected character ('}'")
        .endsWith("(line 3, column 29)");
    assertThat(e.violations())
        .singleElement()
        .satisfies(
            violation -> {
              assertThat(violation.index()).isZero();
              assertThat(violation.field()).isNull();
              assertThat(violation.message()).isEqualTo(e.getMessage());
            });
  }

  @Test
  void rejectsTruncatedJson() {
    InvalidAlertsException e = rejectJson("[" + ALERT + ", {\"@timestamp\": ");

    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(e.getMessage()).startsWith("malformed JSON: ").contains("(line 1, column ");
  }

  @Test
  void rejectsAMalformedNdjsonLineNamingItsLineNumber() {
    InvalidAlertsException e = rejectNdjson(ALERT + "\n{\"@timestamp\": }\n" + ALERT + "\n");

    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(e.getMessage())
        .startsWith("line 2: malformed JSON: ")
        .endsWith("(line 1, column 16)");
    assertThat(e.violations()).extracting(Violation::index).containsExactly(1);
  }

  @Test
  void namesThePhysicalLineOfAMalformedNdjsonLineAfterBlankLines() {
    InvalidAlertsException e = rejectNdjson(ALERT + "\n\n{\"@timestamp\": }\n");

    assertThat(e.getMessage()).startsWith("line 3: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", " \r\n\t\n", "[]", "  [ ]  "})
  void rejectsAJsonBodyWithoutAlertsAsEmpty(String body) {
    assertThat(rejectJson(body).kind()).isEqualTo(Kind.EMPTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n", "   \n\t\n", "\r\n\r\n  \r\n"})
  void rejectsAnNdjsonBodyWithoutAlertsAsEmpty(String body) {
    InvalidAlertsException e = rejectNdjson(body);

    assertThat(e.kind()).isEqualTo(Kind.EMPTY);
    assertThat(e.getMessage())
        .isEqualTo("the request holds no alerts: send one ECS document, an array or NDJSON lines");
  }

  @Test
  void rejectsAJsonArrayOfMoreDocumentsThanAllowed() {
    AlertBatchParser parser = new AlertBatchParser(2, 20);
    byte[] body = resourceBytes("parser/three-alerts.json");

    InvalidAlertsException e =
        catchThrowableOfType(InvalidAlertsException.class, () -> parser.parseJson(body));

    assertThat(e.kind()).isEqualTo(Kind.TOO_MANY);
    assertThat(e.getMessage()).isEqualTo("a batch holds at most 2 alerts; split it");
  }

  @Test
  void acceptsExactlyTheAllowedNumberOfDocuments() {
    AlertBatchParser parser = new AlertBatchParser(3, 20);

    assertThat(parser.parseJson(resourceBytes("parser/three-alerts.json"))).hasSize(3);
    assertThat(parser.parseNdjson(resourceBytes("parser/three-alerts.ndjson"))).hasSize(3);
  }

  @Test
  void rejectsTooManyNdjsonLinesBeforeReadingThePastTheLimit() {
    AlertBatchParser parser = new AlertBatchParser(2, 20);
    // The third line is not even JSON: the parser must stop counting before it parses it.
    byte[] body = (ALERT + "\n" + ALERT + "\n{not json\n" + ALERT + "\n").getBytes(UTF_8);

    InvalidAlertsException e =
        catchThrowableOfType(InvalidAlertsException.class, () -> parser.parseNdjson(body));

    assertThat(e.kind()).isEqualTo(Kind.TOO_MANY);
    assertThat(e.getMessage()).isEqualTo("a batch holds at most 2 alerts; split it");
  }

  @Test
  void rejectsNestingDeeperThanConfiguredWithAClearMessage() {
    AlertBatchParser parser = new AlertBatchParser(10, 5);
    String deep = "{\"@timestamp\": 0, \"a\": " + "[".repeat(10) + "]".repeat(10) + "}";

    InvalidAlertsException e =
        catchThrowableOfType(
            InvalidAlertsException.class, () -> parser.parseJson(deep.getBytes(UTF_8)));

    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(e.getMessage())
        .startsWith("malformed JSON: Document nesting depth (6) exceeds the maximum allowed (5");
  }

  @Test
  void acceptsNestingUpToTheConfiguredDepth() {
    AlertBatchParser parser = new AlertBatchParser(10, 5);
    String five = "{\"@timestamp\": 0, \"a\": {\"b\": {\"c\": {\"d\": {}}}}}";

    assertThat(parser.parseJson(five.getBytes(UTF_8))).hasSize(1);
    assertThat(parser.parseNdjson(five.getBytes(UTF_8))).hasSize(1);
  }

  @Test
  void rejectsTooDeepNestingInNdjsonWithItsLine() {
    AlertBatchParser parser = new AlertBatchParser(10, 5);
    String deep = "{\"@timestamp\": 0, \"a\": " + "[".repeat(10) + "]".repeat(10) + "}";

    InvalidAlertsException e =
        catchThrowableOfType(
            InvalidAlertsException.class,
            () -> parser.parseNdjson((ALERT + "\n" + deep).getBytes(UTF_8)));

    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(e.getMessage()).startsWith("line 2: malformed JSON: Document nesting depth");
  }

  @Test
  void rejectsABodyThatIsNotUtf8() {
    byte[] latin1 =
        "{\"@timestamp\": 0, \"user.name\": \"Jürgen\"}"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    InvalidAlertsException json = rejectJson(latin1);
    InvalidAlertsException ndjson =
        catchThrowableOfType(InvalidAlertsException.class, () -> parser.parseNdjson(latin1));

    assertThat(json.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(json.getMessage()).isEqualTo("the body is not valid UTF-8");
    assertThat(ndjson.kind()).isEqualTo(Kind.MALFORMED);
  }

  @Test
  void acceptsNonAsciiUtf8() {
    byte[] body = "{\"@timestamp\": 0, \"user.name\": \"Jürgen 山田\"}".getBytes(UTF_8);

    assertThat(parser.parseJson(body).get(0).document().get("user.name").asText())
        .isEqualTo("Jürgen 山田");
  }

  @Test
  void rejectsDuplicateKeysInAnObject() {
    InvalidAlertsException e = rejectJson(resourceBytes("parser/duplicate-keys.json"));

    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(e.getMessage())
        .isEqualTo("malformed JSON: Duplicate field 'user' (line 4, column 9)");
  }

  @Test
  void rejectsDuplicateKeysInAnNdjsonLine() {
    InvalidAlertsException e =
        rejectNdjson(
            ALERT + "\n{\"@timestamp\": 0, \"user\": {\"name\": \"a\", \"name\": \"b\"}}\n");

    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(e.getMessage())
        .isEqualTo("line 2: malformed JSON: Duplicate field 'name' (line 1, column 47)");
  }

  @Test
  void reportsEveryInvalidDocumentOfTheBatch() {
    InvalidAlertsException e = rejectJson(resourceBytes("parser/three-problems.json"));

    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(e.violations())
        .containsExactly(
            new Violation(1, "@timestamp", "is required"),
            new Violation(2, "user.name", "must be a string or an array of strings, got number 42"),
            new Violation(2, "source.port", "must be a number, got string 443"));
    assertThat(e.getMessage()).isEqualTo("3 problems, first: alert[1].@timestamp: is required");
  }

  @Test
  void usesTheOnlyViolationAsTheMessage() {
    InvalidAlertsException e =
        rejectNdjson(ALERT + "\n{\"@timestamp\": 0, \"source.port\": \"x\"}\n");

    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(e.getMessage()).isEqualTo("alert[1].source.port: must be a number, got string x");
  }

  @Test
  void rejectsAJsonArrayHoldingSomethingOtherThanObjects() {
    InvalidAlertsException e = rejectJson("[" + ALERT + ", 42, null]");

    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(e.violations())
        .containsExactly(
            new Violation(1, null, "must be a JSON object, got number"),
            new Violation(2, null, "must be a JSON object, got null"));
  }

  @Test
  void capsTheReportedViolationsAtOneHundred() {
    AlertBatchParser parser = new AlertBatchParser(1000, 20);
    String body = IntStream.range(0, 300).mapToObj(i -> "{}").collect(Collectors.joining("\n"));

    InvalidAlertsException e =
        catchThrowableOfType(
            InvalidAlertsException.class, () -> parser.parseNdjson(body.getBytes(UTF_8)));

    assertThat(e.kind()).isEqualTo(Kind.INVALID);
    assertThat(e.violations()).hasSize(100);
    assertThat(e.violations().get(99).index()).isEqualTo(99);
  }

  @Test
  void neverReportsMoreThanOneHundredViolations() {
    AlertBatchParser parser = new AlertBatchParser(1000, 20);
    String threeProblems = "{\"user.name\": 1, \"host.name\": 2}";
    String body =
        IntStream.range(0, 50).mapToObj(i -> threeProblems).collect(Collectors.joining("\n"));

    InvalidAlertsException e =
        catchThrowableOfType(
            InvalidAlertsException.class, () -> parser.parseNdjson(body.getBytes(UTF_8)));

    assertThat(e.violations()).hasSizeLessThanOrEqualTo(100);
  }

  @Test
  void rejectsContentAfterTheFirstJsonValue() {
    assertThat(rejectJson(ALERT + ALERT).kind()).isEqualTo(Kind.MALFORMED);
    assertThat(rejectNdjson(ALERT + " " + ALERT + "\n").kind()).isEqualTo(Kind.MALFORMED);
  }

  private InvalidAlertsException rejectJson(String body) {
    return rejectJson(body.getBytes(UTF_8));
  }

  private InvalidAlertsException rejectJson(byte[] body) {
    InvalidAlertsException e =
        catchThrowableOfType(InvalidAlertsException.class, () -> parser.parseJson(body));
    assertThat(e).as("parseJson must reject the body").isNotNull();
    return e;
  }

  private InvalidAlertsException rejectNdjson(String body) {
    InvalidAlertsException e =
        catchThrowableOfType(
            InvalidAlertsException.class, () -> parser.parseNdjson(body.getBytes(UTF_8)));
    assertThat(e).as("parseNdjson must reject the body").isNotNull();
    return e;
  }
}
