package dev.bulwark.core.alert;

import static dev.bulwark.core.testsupport.Json.object;
import static dev.bulwark.core.testsupport.Json.parse;
import static dev.bulwark.core.testsupport.Json.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlertValidatorTest {

  private static final String KEYWORD = "must be a string or an array of strings, got number 42";
  private static final String IP =
      "must be an IP address string or an array of them, got number 42";
  private static final String NUMBER = "must be a number, got string high";

  private final AlertValidator validator = new AlertValidator();

  @Test
  void acceptsADocumentWithEveryKnownFieldOfTheRightType() {
    assertThat(validator.validate(0, resource("alerts/valid-full.json"))).isEmpty();
  }

  @Test
  void acceptsAnElasticSecurityAlertWithFlatAndNestedFields() {
    assertThat(validator.validate(0, resource("alerts/kibana-mixed.json"))).isEmpty();
  }

  @Test
  void requiresATimestamp() {
    assertThat(validator.validate(2, object("{'user': {'name': 'jdoe'}}")))
        .containsExactly(new Violation(2, "@timestamp", "is required"));
  }

  @Test
  void treatsANullTimestampAsMissing() {
    assertThat(validator.validate(0, object("{'@timestamp': null}")))
        .containsExactly(new Violation(0, "@timestamp", "is required"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'2024-05-01T10:00:00Z'",
        "'2024-05-01T10:00:00.123456Z'",
        "'2024-05-01T12:00:00+02:00'",
        "1714557600000",
        "0"
      })
  void acceptsIsoTimestampsWithZoneAndEpochMilliseconds(String timestamp) {
    assertThat(validator.validate(0, object("{'@timestamp': " + timestamp + "}"))).isEmpty();
  }

  @Test
  void rejectsATimestampInAnotherFormatNamingWhatWasFound() {
    assertThat(validator.validate(1, object("{'@timestamp': '01/05/2024 10:00'}")))
        .containsExactly(
            new Violation(
                1,
                "@timestamp",
                "must be an ISO-8601 date string or epoch milliseconds, got string 01/05/2024 10:00"));
  }

  @Test
  void rejectsATimestampWithoutAZone() {
    assertThat(validator.validate(0, object("{'@timestamp': '2024-05-01T10:00:00'}")))
        .extracting(Violation::field)
        .containsExactly("@timestamp");
  }

  @Test
  void rejectsFractionalEpochSecondsAndBooleansAsTimestamps() {
    assertThat(validator.validate(0, object("{'@timestamp': 1714557600.5}")))
        .extracting(Violation::message)
        .containsExactly(
            "must be an ISO-8601 date string or epoch milliseconds, got number 1.7145576005E9");
    assertThat(validator.validate(0, object("{'@timestamp': true}")))
        .extracting(Violation::message)
        .containsExactly("must be an ISO-8601 date string or epoch milliseconds, got boolean true");
  }

  static Stream<Arguments> everyKnownFieldWithAWrongValue() {
    return Stream.of(
        Arguments.of("event.id", "42", KEYWORD),
        Arguments.of("event.kind", "42", KEYWORD),
        Arguments.of("event.category", "42", KEYWORD),
        Arguments.of("event.type", "42", KEYWORD),
        Arguments.of("event.action", "42", KEYWORD),
        Arguments.of("event.outcome", "42", KEYWORD),
        Arguments.of("event.module", "42", KEYWORD),
        Arguments.of("event.dataset", "42", KEYWORD),
        Arguments.of("event.risk_score", "'high'", NUMBER),
        Arguments.of("event.severity", "'high'", NUMBER),
        Arguments.of(
            "event.created",
            "'yesterday'",
            "must be an ISO-8601 date string or epoch milliseconds, got string yesterday"),
        Arguments.of("user.name", "42", KEYWORD),
        Arguments.of("user.id", "42", KEYWORD),
        Arguments.of("user.email", "42", KEYWORD),
        Arguments.of("user.domain", "42", KEYWORD),
        Arguments.of("host.name", "42", KEYWORD),
        Arguments.of("host.id", "42", KEYWORD),
        Arguments.of("host.ip", "42", IP),
        Arguments.of("source.ip", "42", IP),
        Arguments.of("source.port", "'high'", NUMBER),
        Arguments.of("source.as.number", "'high'", NUMBER),
        Arguments.of("source.as.organization.name", "42", KEYWORD),
        Arguments.of("source.geo.country_iso_code", "42", KEYWORD),
        Arguments.of(
            "source.geo.location", "'52.52,13.4'", "must be an object, got string 52.52,13.4"),
        Arguments.of("destination.ip", "42", IP),
        Arguments.of("destination.port", "'high'", NUMBER),
        Arguments.of("rule.name", "42", KEYWORD),
        Arguments.of("rule.id", "42", KEYWORD),
        Arguments.of("message", "42", "must be a string, got number 42"),
        Arguments.of("tags", "42", KEYWORD));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("everyKnownFieldWithAWrongValue")
  void namesTheIndexTheFieldAndWhatWasExpectedForEveryKnownField(
      String field, String wrongValue, String message) {
    ObjectNode document = resource("alerts/valid-full.json");
    document.set(field, parse(wrongValue));

    assertThat(validator.validate(7, document))
        .singleElement()
        .isEqualTo(new Violation(7, field, message))
        .hasToString("alert[7]." + field + ": " + message);
  }

  @Test
  void findsAWrongTypeInANestedFieldToo() {
    ObjectNode document = object("{'@timestamp': 1714557600000, 'user': {'name': {'first': 'j'}}}");

    assertThat(validator.validate(3, document))
        .containsExactly(
            new Violation(3, "user.name", "must be a string or an array of strings, got object"));
  }

  @Test
  void acceptsArraysOfKeywordsAndOfIpAddresses() {
    ObjectNode document =
        object(
            "{'@timestamp': 0, 'event': {'category': ['authentication', 'iam'], 'type': []},"
                + " 'user.name': ['jdoe', 'john.doe'], 'host.ip': ['10.0.0.1', 'fe80::1'],"
                + " 'tags': ['a']}");

    assertThat(validator.validate(0, document)).isEmpty();
  }

  @Test
  void rejectsAKeywordArrayHoldingSomethingOtherThanStrings() {
    ObjectNode document = object("{'@timestamp': 0, 'tags': ['okta', 7]}");

    assertThat(validator.validate(0, document))
        .containsExactly(
            new Violation(0, "tags", "must be a string or an array of strings, got array"));
  }

  @Test
  void skipsKnownFieldsThatAreNull() {
    assertThat(validator.validate(0, object("{'@timestamp': 0, 'user': {'name': null}}")))
        .isEmpty();
  }

  @Test
  void doesNotCheckUnknownFields() {
    ObjectNode document =
        object(
            "{'@timestamp': 0, 'labels': {'anything': [1, {'x': true}]}, 'user.nickname': 5,"
                + " 'kibana.alert.risk_score': 'high', 'custom': null}");

    assertThat(validator.validate(0, document)).isEmpty();
  }

  @Test
  void shortensALongWrongValueToFortyCharacters() {
    String longText = "x".repeat(60);
    ObjectNode document = object("{'@timestamp': 0, 'source.port': '" + longText + "'}");

    assertThat(validator.validate(0, document))
        .extracting(Violation::message)
        .containsExactly("must be a number, got string " + "x".repeat(40) + "…");
  }

  @Test
  void reportsEveryProblemOfOneDocumentTimestampFirst() {
    ObjectNode document = object("{'user': {'name': 1}, 'source': {'port': '443'}, 'message': []}");

    assertThat(validator.validate(5, document))
        .extracting(Violation::field)
        .containsExactly("@timestamp", "user.name", "source.port", "message");
  }

  @Test
  void rejectsADocumentThatIsNotAnObjectAsAWhole() {
    assertThat(validator.validate(4, parse("[{'@timestamp': 0}]")))
        .containsExactly(new Violation(4, null, "must be a JSON object, got array"))
        .first()
        .hasToString("alert[4]: must be a JSON object, got array");
    assertThat(validator.validate(0, parse("'2024-05-01T10:00:00Z'")))
        .containsExactly(new Violation(0, null, "must be a JSON object, got string"));
    assertThat(validator.validate(0, parse("null")))
        .containsExactly(new Violation(0, null, "must be a JSON object, got null"));
    assertThat(validator.validate(0, null))
        .containsExactly(new Violation(0, null, "must be a JSON object, got nothing"));
  }
}
