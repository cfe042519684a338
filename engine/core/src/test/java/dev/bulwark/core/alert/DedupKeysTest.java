package dev.bulwark.core.alert;

import static dev.bulwark.core.testsupport.Json.object;
import static dev.bulwark.core.testsupport.Json.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DedupKeysTest {

  @Test
  void usesTheEventIdWhenTheDocumentHasOne() {
    ObjectNode first = object("{'@timestamp': 0, 'event': {'id': 'evt-1'}, 'message': 'first'}");
    ObjectNode resent = object("{'@timestamp': 5, 'event': {'id': 'evt-1'}, 'message': 'again'}");

    assertThat(DedupKeys.of(first)).isEqualTo("id:evt-1").isEqualTo(DedupKeys.of(resent));
  }

  @Test
  void readsTheEventIdFromAFlatDottedKey() {
    assertThat(DedupKeys.of(object("{'event.id': 'evt-1', 'message': 'flat'}")))
        .isEqualTo(DedupKeys.of(object("{'event': {'id': 'evt-1'}, 'message': 'nested'}")))
        .isEqualTo("id:evt-1");
  }

  @Test
  void usesTheFirstEventIdOfAnArray() {
    assertThat(DedupKeys.of(object("{'event': {'id': ['evt-1', 'evt-2']}}"))).isEqualTo("id:evt-1");
  }

  @Test
  void hashesTheDocumentWhenItsEventIdIsBlank() {
    assertThat(DedupKeys.of(object("{'event': {'id': '  '}, 'message': 'x'}")))
        .startsWith("sha256:");
  }

  @Test
  void givesTheSameKeyForTheSameContentInAnotherKeyOrderAndWhitespace() {
    String a = DedupKeys.of(resource("dedup/login-a.json"));
    String b = DedupKeys.of(resource("dedup/login-b.json"));

    assertThat(a).isEqualTo(b).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void givesAnotherKeyForOtherContent() {
    ObjectNode other = resource("dedup/login-a.json");
    ((ObjectNode) other.get("source")).put("port", 51545);

    assertThat(DedupKeys.of(other)).isNotEqualTo(DedupKeys.of(resource("dedup/login-a.json")));
  }

  @Test
  void keepsArrayOrderInTheKey() {
    assertThat(DedupKeys.of(object("{'tags': ['a', 'b']}")))
        .isNotEqualTo(DedupKeys.of(object("{'tags': ['b', 'a']}")));
  }

  @Test
  void writesTheCanonicalFormWithSortedKeysAtEveryLevelAndNoWhitespace() {
    ObjectNode document = object("{ 'b': 1, 'a': { 'd': [2, { 'z': 1, 'y': 2 }], 'c': 'x' } }");

    assertThat(DedupKeys.canonical(document))
        .isEqualTo("{\"a\":{\"c\":\"x\",\"d\":[2,{\"y\":2,\"z\":1}]},\"b\":1}");
  }

  @Test
  void doesNotLetABlankEventIdInAnArrayMergeUnrelatedAlerts() {
    assertThat(DedupKeys.of(object("{'event': {'id': ['']}, 'message': 'one'}")))
        .isNotEqualTo(DedupKeys.of(object("{'event': {'id': ['']}, 'message': 'two'}")));
  }
}
