package dev.bulwark.connectors.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.connectors.notify.Notification;
import dev.bulwark.connectors.support.ConnectorPolicy;
import dev.bulwark.connectors.support.ProviderHttp;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages through the PagerDuty Events API v2. Every NOTIFY triggers an alert whose {@code dedup_key}
 * is the action's idempotency key, so a repeat (a retry, a second node) lands on the same alert and
 * does not page twice. The {@code rollback} notification resolves the alert the containment
 * notification of the same incident and target opened instead of paging about good news (see
 * connectors/docs/pagerduty.md).
 */
public final class PagerDutyNotificationRoutes extends ProviderRoutes {

  /** The occasion of the notification that a containment was undone. */
  static final String ROLLBACK = "rollback";

  private static final Logger log = LoggerFactory.getLogger(PagerDutyNotificationRoutes.class);

  private final PagerDutySettings settings;
  private final ProviderHttp http;
  private final URI enqueue;

  public PagerDutyNotificationRoutes(PagerDutySettings settings, Set<ActionType> actions) {
    super(
        PagerDutySettings.PROVIDER,
        actions,
        new ConnectorPolicy(PagerDutySettings.PROVIDER, settings.policy()),
        settings.dryRun());
    this.settings = settings;
    this.http = new ProviderHttp(PagerDutySettings.PROVIDER, settings.policy().timeout());
    this.enqueue = URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + "/v2/enqueue");
  }

  @Override
  protected Set<ActionType> supported() {
    return EnumSet.of(ActionType.NOTIFY);
  }

  @Override
  protected ActionResult perform(ActionRequest request) {
    String key = settings.routingKeyFor(request.target()).reveal();
    boolean resolve = ROLLBACK.equals(request.occasion());
    // The rollback resolves what the first notification to this target triggered.
    String dedupKey =
        resolve
            ? new ActionRequest(
                    request.incidentId(), request.type(), request.target(), java.util.Map.of())
                .idempotencyKey()
            : request.idempotencyKey();
    ObjectNode event =
        resolve
            ? PagerDutyEvent.resolve(key, dedupKey)
            : PagerDutyEvent.trigger(
                key,
                dedupKey,
                settings.source(),
                Notification.from(request, settings.linksBaseUrl()),
                incidentUrl(request.incidentId()));
    String operation = (resolve ? "resolve " : "page ") + request.target();
    JsonNode answer =
        http.json(
            http.send(
                http.request(enqueue)
                    .header("Content-Type", "application/json")
                    .POST(ProviderHttp.jsonBody(event))
                    .build(),
                operation),
            operation);
    String verb = resolve ? "resolved" : "triggered";
    log.info(
        "BULWARK-5902 pagerduty {} {} for incident {} (dedup key {})",
        verb,
        request.target(),
        request.incidentId(),
        dedupKey);
    return done(
        verb
            + " PagerDuty alert for "
            + request.target()
            + " (dedup key "
            + answer.path("dedup_key").asText(dedupKey)
            + ")");
  }

  private String incidentUrl(String incidentId) {
    String base = settings.linksBaseUrl();
    return base == null || base.isBlank()
        ? null
        : base.replaceAll("/+$", "") + "/api/v1/incidents/" + incidentId;
  }

  @Override
  public void probe() {
    // The Events API has no call that checks a routing key without creating an alert; health is
    // the circuit and the last failure.
  }
}
