package dev.bulwark.core.alert;

import static dev.bulwark.core.testsupport.Json.object;
import static dev.bulwark.core.testsupport.Json.parse;
import static dev.bulwark.core.testsupport.Json.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class EcsPathTest {

  @Test
  void readsANestedField() {
    JsonNode document =
        object("{'user': {'name': 'jdoe'}, 'source': {'geo': {'country_iso_code': 'DE'}}}");

    assertThat(EcsPath.get(document, "user.name").asText()).isEqualTo("jdoe");
    assertThat(EcsPath.get(document, "source.geo.country_iso_code").asText()).isEqualTo("DE");
  }

  @Test
  void readsAFlatDottedKey() {
    JsonNode document = object("{'user.name': 'jdoe', 'source.geo.country_iso_code': 'DE'}");

    assertThat(EcsPath.get(document, "user.name").asText()).isEqualTo("jdoe");
    assertThat(EcsPath.get(document, "source.geo.country_iso_code").asText()).isEqualTo("DE");
  }

  @Test
  void readsAFlatKeyInsideANestedObject() {
    JsonNode document = object("{'kibana.alert': {'rule.name': 'x'}}");

    assertThat(EcsPath.get(document, "kibana.alert.rule.name").asText()).isEqualTo("x");
  }

  @Test
  void readsANestedObjectWhoseKeyHoldsTheRestOfThePath() {
    JsonNode document = object("{'kibana': {'alert.rule.name': 'x'}}");

    assertThat(EcsPath.get(document, "kibana.alert.rule.name").asText()).isEqualTo("x");
  }

  @Test
  void readsFlatAndNestedFieldsSideBySideInAnElasticSecurityAlert() {
    JsonNode document = resource("alerts/kibana-mixed.json");

    assertThat(EcsPath.get(document, "kibana.alert.rule.name").asText())
        .isEqualTo("Multiple Logon Failure from the same Source Address");
    assertThat(EcsPath.get(document, "host.os.family").asText()).isEqualTo("windows");
    assertThat(EcsPath.get(document, "user.name").asText()).isEqualTo("jdoe");
    assertThat(EcsPath.get(document, "event.kind").asText()).isEqualTo("signal");
  }

  @Test
  void triesTheNextSplitWhenAnEarlierPrefixLeadsNowhere() {
    JsonNode document =
        object("{'kibana': {'space_ids': ['default']}, 'kibana.alert': {'uuid': 'u-1'}}");

    assertThat(EcsPath.get(document, "kibana.alert.uuid").asText()).isEqualTo("u-1");
  }

  @Test
  void givesAMissingNodeForAFieldTheDocumentDoesNotHave() {
    JsonNode document = object("{'user': {'name': 'jdoe'}, 'host.name': 'ws-1'}");

    assertThat(EcsPath.get(document, "user.id").isMissingNode()).isTrue();
    assertThat(EcsPath.get(document, "host.name.first").isMissingNode()).isTrue();
    assertThat(EcsPath.get(document, "source.ip").isMissingNode()).isTrue();
    assertThat(EcsPath.get(document, "user.name.x").isMissingNode()).isTrue();
  }

  @Test
  void doesNotLookInsideArraysOfObjects() {
    JsonNode document = object("{'threat': [{'technique': {'id': 'T1110'}}]}");

    assertThat(EcsPath.get(document, "threat.technique.id").isMissingNode()).isTrue();
  }

  @Test
  void givesTheJsonNullOfAFieldThatIsPresentButNull() {
    JsonNode document = object("{'user': {'name': null}}");

    assertThat(EcsPath.get(document, "user.name").isNull()).isTrue();
  }

  @Test
  void givesAMissingNodeForADocumentThatIsNotAnObject() {
    assertThat(EcsPath.get(parse("[{'user': {'name': 'jdoe'}}]"), "user.name").isMissingNode())
        .isTrue();
    assertThat(EcsPath.get(parse("'user.name'"), "user.name").isMissingNode()).isTrue();
    assertThat(EcsPath.get(parse("null"), "user.name").isMissingNode()).isTrue();
    assertThat(EcsPath.get(null, "user.name").isMissingNode()).isTrue();
  }
}
