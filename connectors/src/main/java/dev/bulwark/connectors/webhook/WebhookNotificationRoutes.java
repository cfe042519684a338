package dev.bulwark.connectors.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.connectors.notify.Notification;
import dev.bulwark.connectors.support.ConnectorPolicy;
import dev.bulwark.connectors.support.ProviderHttp;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications as a signed JSON POST to any receiver (a chat bridge, a ticketing hook, an in-house
 * service). The target is passed along as {@code channel}.
 */
public final class WebhookNotificationRoutes extends ProviderRoutes {

  private static final Logger log = LoggerFactory.getLogger(WebhookNotificationRoutes.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookSettings settings;
  private final ProviderHttp http;

  public WebhookNotificationRoutes(WebhookSettings settings, Set<ActionType> actions) {
    super(
        WebhookSettings.PROVIDER,
        actions,
        new ConnectorPolicy(WebhookSettings.PROVIDER, settings.policy()),
        settings.dryRun());
    this.settings = settings;
    this.http = new ProviderHttp(WebhookSettings.PROVIDER, settings.policy().timeout());
  }

  @Override
  protected Set<ActionType> supported() {
    return EnumSet.of(ActionType.NOTIFY);
  }

  @Override
  protected ActionResult perform(ActionRequest request) {
    String body = body(request);
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    http.send(
        http.request(settings.url())
            .header("Content-Type", "application/json")
            .header("X-Bulwark-Timestamp", timestamp)
            .header(
                "X-Bulwark-Signature",
                WebhookSignature.sign(settings.signingKey().reveal(), timestamp, body))
            // The same key for a repeat: the receiver can drop duplicates.
            .header("Idempotency-Key", request.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        "notify " + request.target());
    log.info(
        "BULWARK-5501 webhook notified {} of incident {}", request.target(), request.incidentId());
    return done("posted incident " + request.incidentId() + " for " + request.target());
  }

  private String body(ActionRequest request) {
    Notification n = Notification.from(request, settings.linksBaseUrl());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("channel", request.target());
    payload.put("incidentId", n.incidentId());
    payload.put("title", n.title());
    payload.put("severity", n.severity());
    payload.put("entities", n.entities());
    payload.put("signals", n.signalLabels());
    payload.put("actionsTaken", n.actionsTaken());
    if (n.hasApproval()) {
      payload.put("approveUrl", n.approveUrl());
      payload.put("rejectUrl", n.rejectUrl());
    }
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void probe() {
    // A webhook has no side-effect-free call; its health is its circuit and last failure.
  }
}
