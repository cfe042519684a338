package dev.bulwark.connectors.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.connectors.support.HostContainmentRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionType;
import java.util.Set;

/**
 * Elastic Defend host isolation through Kibana's response actions: {@code ISOLATE_HOST} isolates
 * the endpoint (it keeps talking to Elasticsearch and Fleet), {@code RELEASE_HOST} releases it. The
 * target is the hostname. The endpoint's metadata says both what it was told ({@code
 * Endpoint.configuration.isolation}) and what it reports ({@code Endpoint.state.isolation}); where
 * they differ, the action is on its way.
 */
public final class ElasticDefendHostRoutes extends HostContainmentRoutes {

  private final KibanaEndpoints endpoints;

  public ElasticDefendHostRoutes(ElasticDefendSettings settings, Set<ActionType> actions) {
    super(ElasticDefendSettings.PROVIDER, actions, settings.policy(), settings.dryRun());
    this.endpoints = new KibanaEndpoints(settings);
  }

  @Override
  protected Host find(String hostname) {
    JsonNode metadata = endpoints.endpoint(hostname).path("metadata");
    JsonNode endpoint = metadata.path("Endpoint");
    boolean isolated = endpoint.path("state").path("isolation").asBoolean(false);
    boolean told = endpoint.path("configuration").path("isolation").asBoolean(isolated);
    Containment containment;
    if (isolated) {
      containment = told ? Containment.ISOLATED : Containment.RELEASING;
    } else {
      containment = told ? Containment.ISOLATING : Containment.RELEASED;
    }
    String state = "state.isolation=" + isolated + ", configuration.isolation=" + told;
    return new Host(hostname, metadata.path("agent").path("id").asText(), containment, state);
  }

  @Override
  protected void isolate(Host host, ActionRequest request) {
    endpoints.action(host.id(), "isolate", comment(request));
  }

  @Override
  protected void release(Host host, ActionRequest request) {
    endpoints.action(host.id(), "unisolate", comment(request));
  }

  @Override
  protected String idKind() {
    return "endpoint";
  }

  @Override
  public void probe() {
    if (!dryRun()) {
      endpoints.probe();
    }
  }

  /** Shown in Kibana's response actions history. */
  private static String comment(ActionRequest request) {
    return "Bulwark incident " + request.incidentId() + ": " + request.type();
  }
}
