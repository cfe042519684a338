package dev.bulwark.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The intake parser under arbitrary input: whatever bytes arrive, the answer is a list of alerts or
 * an {@link InvalidAlertsException} that the API turns into a 4xx, never another exception (which
 * would be a 500 and, worse, a sign the parser can be driven somewhere it was not meant to go).
 */
class AlertBatchParserPropertiesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final AlertBatchParser parser = new AlertBatchParser(100, 16);

  @Property(tries = 400)
  void arbitraryBytesAreParsedOrRejectedCleanly(@ForAll @Size(max = 300) byte[] body) {
    assertParsedOrRejected(() -> parser.parseJson(body));
    assertParsedOrRejected(() -> parser.parseNdjson(body));
  }

  @Property(tries = 400)
  void mutatedValidBatchesAreParsedOrRejectedCleanly(
      @ForAll("validBatches") String batch,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll byte replacement) {
    byte[] body = batch.getBytes(StandardCharsets.UTF_8);
    body[position % body.length] = replacement;

    assertParsedOrRejected(() -> parser.parseJson(body));
    assertParsedOrRejected(() -> parser.parseNdjson(body));
  }

  @Property(tries = 200)
  void everyValidDocumentComesOutAsItWentIn(@ForAll("documents") List<ObjectNode> documents)
      throws Exception {
    byte[] body = MAPPER.writeValueAsBytes(documents);

    List<IncomingAlert> alerts = parser.parseJson(body);

    assertThat(alerts).extracting(IncomingAlert::document).containsExactlyElementsOf(documents);
  }

  @Property(tries = 50)
  void nestingDeeperThanTheLimitIsRejectedAsMalformed(
      @ForAll @IntRange(min = 17, max = 5000) int depth) {
    String body =
        "{\"@timestamp\":\"2026-11-27T10:00:00Z\",\"x\":"
            + "[".repeat(depth)
            + "]".repeat(depth)
            + "}";

    assertThatThrownBy(() -> parser.parseJson(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidAlertsException.class,
            e -> assertThat(e.kind()).isEqualTo(InvalidAlertsException.Kind.MALFORMED));
  }

  @Provide
  Arbitrary<String> validBatches() {
    return documents()
        .map(
            docs -> {
              try {
                return MAPPER.writeValueAsString(docs);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
  }

  @Provide
  Arbitrary<List<ObjectNode>> documents() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
    Arbitrary<ObjectNode> document =
        Combinators.combine(
                Arbitraries.longs().between(0, 4_000_000_000L),
                text,
                Arbitraries.integers().between(0, 100),
                text)
            .as(
                (epoch, user, risk, extra) -> {
                  ObjectNode node = MAPPER.createObjectNode();
                  node.put("@timestamp", java.time.Instant.ofEpochSecond(epoch).toString());
                  node.putObject("user").put("name", user);
                  node.putObject("event").put("risk_score", risk);
                  node.put("x_unknown_field", extra);
                  return node;
                });
    return document.list().ofMinSize(1).ofMaxSize(20);
  }

  private static void assertParsedOrRejected(ThrowingParse parse) {
    try {
      List<IncomingAlert> alerts = parse.run();
      assertThat(alerts).isNotEmpty().allSatisfy(a -> assertThat(a.document()).isNotNull());
    } catch (InvalidAlertsException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @FunctionalInterface
  private interface ThrowingParse {
    List<IncomingAlert> run();
  }
}
