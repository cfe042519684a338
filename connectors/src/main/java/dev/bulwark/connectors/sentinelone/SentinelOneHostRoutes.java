package dev.bulwark.connectors.sentinelone;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.connectors.support.HostContainmentRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionType;
import java.util.Set;

/**
 * SentinelOne network quarantine: {@code ISOLATE_HOST} disconnects the agent's endpoint from the
 * network (it keeps talking to the management console), {@code RELEASE_HOST} connects it again. The
 * target is the agent's computer name; its {@code networkStatus} tells where it stands.
 */
public final class SentinelOneHostRoutes extends HostContainmentRoutes {

  private final SentinelOneAgents agents;

  public SentinelOneHostRoutes(SentinelOneSettings settings, Set<ActionType> actions) {
    super(SentinelOneSettings.PROVIDER, actions, settings.policy(), settings.dryRun());
    this.agents = new SentinelOneAgents(settings);
  }

  @Override
  protected Host find(String hostname) {
    JsonNode agent = agents.agent(hostname);
    String status = agent.path("networkStatus").asText("connected");
    Containment containment =
        switch (status) {
          case "disconnected" -> Containment.ISOLATED;
          case "disconnecting" -> Containment.ISOLATING;
          case "connecting" -> Containment.RELEASING;
          default -> Containment.RELEASED;
        };
    return new Host(hostname, agent.path("id").asText(), containment, status);
  }

  @Override
  protected void isolate(Host host, ActionRequest request) {
    agents.action(host.id(), "disconnect");
  }

  @Override
  protected void release(Host host, ActionRequest request) {
    agents.action(host.id(), "connect");
  }

  @Override
  protected String isolatedWord() {
    return "disconnected";
  }

  @Override
  protected String idKind() {
    return "agent";
  }

  @Override
  public void probe() {
    if (!dryRun()) {
      agents.probe();
    }
  }
}
