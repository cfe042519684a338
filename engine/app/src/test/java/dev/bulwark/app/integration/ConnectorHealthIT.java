package dev.bulwark.app.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@EngineIT
class ConnectorHealthIT {

  @LocalServerPort int port;

  @Test
  void withOnlyTheSimulatorTheConnectorsAreUpAndSaySo() {
    JsonNode connectors =
        new BulwarkClient(port).get("/actuator/health").json().at("/components/connectors");

    assertThat(connectors.get("status").asText()).isEqualTo("UP");
    assertThat(connectors.at("/details/mode").asText()).isEqualTo("every action simulated");
  }
}
