package dev.bulwark.app.elasticsearch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.alert.IncomingAlert;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecurityAlertMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SecurityAlertMapper mapper = new SecurityAlertMapper();

  @Test
  void securityAlertBecomesAnAlertWithItsRuleRiskAndOriginalEventTime() throws IOException {
    IncomingAlert alert =
        mapper.map(".alerts-security.alerts-default", "x", load("remote_access_tool_critical"));
    Alert journaled = new Alert(1, alert.timestamp(), alert.document());

    assertThat(alert.dedupKey()).isEqualTo("id:run-1-0001");
    assertThat(alert.timestamp()).isEqualTo(Instant.parse("2026-11-20T09:04:58Z"));
    assertThat(journaled.text("event.kind")).isEqualTo("alert");
    assertThat(journaled.text("rule.name"))
        .isEqualTo("Remote Access Tool Launched by Unusual User");
    assertThat(journaled.text("rule.id")).isEqualTo("8c1b6a2e-3d4f-4e5a-9b6c-7d8e9f0a1b2c");
    assertThat(journaled.number("event.risk_score")).isEqualTo(99.0);
    assertThat(journaled.number("event.severity")).isEqualTo(99.0);
    assertThat(journaled.text("event.created")).isEqualTo("2026-11-20T09:05:12.345Z");
    assertThat(journaled.userName()).isEqualTo("jdoe");
    assertThat(journaled.hostName()).isEqualTo("jdoe-ws");
    assertThat(journaled.text("process.name")).isEqualTo("AnyDesk.exe");
    assertThat(journaled.summary()).isEqualTo("Remote Access Tool Launched by Unusual User");
  }

  @Test
  void dottedEventKindIsReplacedRatherThanDuplicated() throws IOException {
    IncomingAlert alert = mapper.map("i", "x", load("brute_force_success_high"));

    assertThat(alert.document().get("event.kind").asText()).isEqualTo("alert");
    assertThat(alert.document().path("event").has("kind")).isFalse();
    assertThat(alert.document().at("/source/ip").asText()).isEqualTo("203.0.113.77");
    assertThat(alert.document().at("/kibana.alert.threshold_result/count").asInt()).isEqualTo(12);
  }

  @Test
  void severityGivesTheRiskScoreWhenTheAlertHasNone() throws IOException {
    IncomingAlert alert = mapper.map("i", "x", load("discovery_low"));

    assertThat(new Alert(1, alert.timestamp(), alert.document()).number("event.risk_score"))
        .isEqualTo(21.0);
  }

  @Test
  void rawEcsEventPassesThroughUnchanged() throws IOException {
    ObjectNode event = load("../events/raw_authentication_failure");

    IncomingAlert alert = mapper.map("logs-okta", "abc", event);

    assertThat(alert.document()).isEqualTo(event);
    assertThat(alert.dedupKey()).isEqualTo("id:run-1-raw-0001");
  }

  @Test
  void eventWithoutIdIsKnownByItsPlaceInElasticsearch() throws IOException {
    ObjectNode event = load("../events/raw_authentication_failure");
    ((ObjectNode) event.get("event")).remove("id");

    assertThat(mapper.map("logs-okta", "abc", event).dedupKey()).isEqualTo("es:logs-okta/abc");
  }

  @Test
  void documentWithAWrongFieldTypeIsRejectedNamingTheField() throws IOException {
    assertThatThrownBy(() -> mapper.map("alerts", "doc-4", load("invalid_user_name")))
        .isInstanceOf(RejectedDocumentException.class)
        .hasMessageContaining("alerts/doc-4")
        .hasMessageContaining("user.name must be a string");
  }

  private static ObjectNode load(String name) throws IOException {
    try (InputStream in =
        SecurityAlertMapperTest.class.getResourceAsStream(
            "/elasticsearch/security-alerts/" + name + ".json")) {
      String text =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("${run}", "run-1")
              .replace("${user}", "jdoe");
      return (ObjectNode) JSON.readTree(text);
    }
  }
}
