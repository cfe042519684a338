package dev.bulwark.connectors.teams;

import dev.bulwark.connectors.notify.Notification;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.ConnectorPolicy;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.ProviderHttp;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications as an Adaptive Card POSTed to a Teams webhook (Workflows or a legacy incoming
 * webhook). The target is a channel name with its own webhook in {@code webhook-urls}, or any other
 * name for the default webhook.
 */
public final class TeamsNotificationRoutes extends ProviderRoutes {

  private static final Logger log = LoggerFactory.getLogger(TeamsNotificationRoutes.class);

  /**
   * A legacy incoming webhook answers HTTP 200 even when Teams refused the message, with a text
   * such as "Microsoft Teams endpoint returned HTTP error 429 with ContextId ...".
   */
  private static final Pattern EMBEDDED_STATUS = Pattern.compile("HTTP error (\\d{3})");

  private final TeamsSettings settings;
  private final ProviderHttp http;

  public TeamsNotificationRoutes(TeamsSettings settings, Set<ActionType> actions) {
    super(
        TeamsSettings.PROVIDER,
        actions,
        new ConnectorPolicy(TeamsSettings.PROVIDER, settings.policy()),
        settings.dryRun());
    this.settings = settings;
    // The webhook URL is the credential: failures name its host only.
    this.http = new ProviderHttp(TeamsSettings.PROVIDER, settings.policy().timeout(), true);
  }

  @Override
  protected Set<ActionType> supported() {
    return EnumSet.of(ActionType.NOTIFY);
  }

  @Override
  protected ActionResult perform(ActionRequest request) {
    URI webhook = settings.webhookFor(request.target());
    String operation = "notify " + request.target();
    if (webhook == null) {
      throw new ConnectorFailure(
          TeamsSettings.PROVIDER,
          FailureKind.REJECTED,
          operation + ": no webhook for " + request.target() + " and no default webhook-url");
    }
    Notification n = Notification.from(request, settings.linksBaseUrl());
    HttpResponse<String> response =
        http.send(
            http.request(webhook)
                .header("Content-Type", "application/json")
                .POST(ProviderHttp.jsonBody(TeamsCard.message(n)))
                .build(),
            operation);
    refusedDespite200(response, operation);
    log.info(
        "BULWARK-5903 teams posted incident {} to {} ({})",
        request.incidentId(),
        request.target(),
        response.statusCode());
    return done("posted incident " + request.incidentId() + " to " + request.target());
  }

  /**
   * Workflows answers 202 with no body, a legacy webhook 200 with {@code 1}; any other 2xx text
   * that reports an error is that error.
   */
  private static void refusedDespite200(HttpResponse<String> response, String operation) {
    String body = response.body() == null ? "" : response.body().strip();
    if (body.isEmpty() || body.equals("1") || body.startsWith("{")) {
      return;
    }
    String lower = body.toLowerCase(Locale.ROOT);
    if (!lower.contains("error") && !lower.contains("fail")) {
      return;
    }
    Matcher status = EMBEDDED_STATUS.matcher(body);
    FailureKind kind = FailureKind.REJECTED;
    if (status.find()) {
      int code = Integer.parseInt(status.group(1));
      kind =
          code == 429
              ? FailureKind.RATE_LIMITED
              : code >= 500 ? FailureKind.SERVER_ERROR : FailureKind.REJECTED;
    }
    String shown = body.length() > 200 ? body.substring(0, 200) + "..." : body;
    throw new ConnectorFailure(
        TeamsSettings.PROVIDER,
        kind,
        operation + ": the webhook answered " + response.statusCode() + " but reported: " + shown);
  }

  @Override
  public void probe() {
    // A webhook has no call that changes nothing; its health is its circuit and last failure.
  }
}
