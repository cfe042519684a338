package dev.bulwark.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class JournalPartitionsTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void theIdentityIsTheUserThenTheHostThenTheSourceAddressThenTheDedupKey() throws Exception {
    assertThat(
            JournalPartitions.key(
                doc("{\"user\":{\"name\":\"jdoe\"},\"host\":{\"name\":\"h\"}}"), "k"))
        .isEqualTo("jdoe");
    assertThat(
            JournalPartitions.key(
                doc("{\"host\":{\"name\":\"h\"},\"source\":{\"ip\":\"1.2.3.4\"}}"), "k"))
        .isEqualTo("h");
    assertThat(JournalPartitions.key(doc("{\"source\":{\"ip\":\"1.2.3.4\"}}"), "k"))
        .isEqualTo("1.2.3.4");
    assertThat(JournalPartitions.key(doc("{\"user\":{\"name\":\" \"}}"), "k")).isEqualTo("k");
  }

  @Test
  void oneIdentityAlwaysMapsToOnePartitionInRange() throws Exception {
    // Fixed by String.hashCode's specification: the same on every node and after an upgrade.
    assertThat(JournalPartitions.of("jdoe")).isEqualTo(Math.floorMod("jdoe".hashCode(), 16));
    for (int i = 0; i < 1000; i++) {
      assertThat(JournalPartitions.of("user-" + i)).isBetween(0, JournalPartitions.COUNT - 1);
    }
    assertThat(JournalPartitions.name(3)).isEqualTo("rules:3");
  }

  private ObjectNode doc(String json) throws Exception {
    return (ObjectNode) mapper.readTree(json);
  }
}
