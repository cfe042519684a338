package dev.bulwark.app.elasticsearch.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class EcsFieldsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesNestedCreatingObjects() throws Exception {
    ObjectNode document = (ObjectNode) JSON.readTree("{\"event\": {\"action\": \"start\"}}");

    EcsFields.put(document, "event.kind", TextNode.valueOf("alert"));
    EcsFields.put(document, "rule.name", TextNode.valueOf("r"));

    assertThat(document.toString())
        .isEqualTo(
            "{\"event\":{\"action\":\"start\",\"kind\":\"alert\"},\"rule\":{\"name\":\"r\"}}");
  }

  @Test
  void replacesADottedKeyInsteadOfAddingANestedCopy() throws Exception {
    ObjectNode document = (ObjectNode) JSON.readTree("{\"event.kind\": \"signal\", \"event\": {}}");

    EcsFields.put(document, "event.kind", TextNode.valueOf("alert"));

    assertThat(document.toString()).isEqualTo("{\"event.kind\":\"alert\",\"event\":{}}");
  }

  @Test
  void aScalarWhereAnObjectBelongsIsKept() throws Exception {
    ObjectNode document = (ObjectNode) JSON.readTree("{\"rule\": \"legacy\"}");

    EcsFields.put(document, "rule.name", TextNode.valueOf("r"));

    assertThat(document.get("rule").asText()).isEqualTo("legacy");
    assertThat(document.get("rule.name").asText()).isEqualTo("r");
  }
}
