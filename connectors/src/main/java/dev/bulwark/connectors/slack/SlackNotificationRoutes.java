package dev.bulwark.connectors.slack;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications as a Block Kit message posted with the Web API's {@code chat.postMessage} and a bot
 * token. The target is a channel name mapped in {@code channels}, or a channel id itself.
 */
public final class SlackNotificationRoutes extends ProviderRoutes {

  private static final Logger log = LoggerFactory.getLogger(SlackNotificationRoutes.class);

  private final SlackSettings settings;
  private final ProviderHttp http;
  private final String base;

  public SlackNotificationRoutes(SlackSettings settings, Set<ActionType> actions) {
    super(
        SlackSettings.PROVIDER,
        actions,
        new ConnectorPolicy(SlackSettings.PROVIDER, settings.policy()),
        settings.dryRun());
    this.settings = settings;
    this.http = new ProviderHttp(SlackSettings.PROVIDER, settings.policy().timeout());
    this.base = settings.baseUrl().toString().replaceAll("/+$", "");
  }

  @Override
  protected Set<ActionType> supported() {
    return EnumSet.of(ActionType.NOTIFY);
  }

  @Override
  protected ActionResult perform(ActionRequest request) {
    String channel = settings.channels().getOrDefault(request.target(), request.target());
    Notification n = Notification.from(request, settings.linksBaseUrl());
    JsonNode answer =
        call(
            "chat.postMessage",
            ProviderHttp.jsonBody(SlackMessage.of(channel, n)),
            "notify " + request.target());
    log.info(
        "BULWARK-5901 slack posted incident {} to {} (ts {})",
        request.incidentId(),
        request.target(),
        answer.path("ts").asText());
    return done(
        "posted incident "
            + request.incidentId()
            + " to "
            + request.target()
            + " (channel "
            + answer.path("channel").asText(channel)
            + ", ts "
            + answer.path("ts").asText()
            + ")");
  }

  /** {@code auth.test}: checks the token and changes nothing. */
  @Override
  public void probe() {
    if (!dryRun()) {
      call("auth.test", HttpRequest.BodyPublishers.noBody(), "check the bot token");
    }
  }

  /**
   * One Web API call. Slack answers most errors with HTTP 200 and {@code {"ok":false,"error":...}};
   * those become the same typed failures as HTTP statuses would.
   */
  private JsonNode call(String method, HttpRequest.BodyPublisher body, String operation) {
    HttpResponse<String> response =
        http.send(
            http.request(URI.create(base + "/" + method))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer " + settings.botToken().reveal())
                .POST(body)
                .build(),
            operation);
    JsonNode answer = http.json(response, operation);
    if (!answer.path("ok").asBoolean(false)) {
      String error = answer.path("error").asText("no error given");
      throw new ConnectorFailure(
          SlackSettings.PROVIDER,
          kind(error),
          operation + ": " + method + " answered ok=false, error " + error,
          null,
          null);
    }
    return answer;
  }

  /** The error codes of chat.postMessage and auth.test (api.slack.com/methods). */
  static FailureKind kind(String error) {
    return switch (error) {
      case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired" ->
          FailureKind.UNAUTHORIZED;
      case "missing_scope",
          "not_in_channel",
          "restricted_action",
          "restricted_action_read_only_channel",
          "restricted_action_thread_only_channel",
          "restricted_action_non_threadable_channel",
          "ekm_access_denied",
          "team_access_not_granted",
          "access_denied",
          "no_permission" ->
          FailureKind.FORBIDDEN;
      case "channel_not_found", "user_not_found" -> FailureKind.NOT_FOUND;
      case "ratelimited", "rate_limited", "message_limit_exceeded" -> FailureKind.RATE_LIMITED;
      case "internal_error", "fatal_error", "service_unavailable", "request_timeout" ->
          FailureKind.SERVER_ERROR;
      default -> FailureKind.REJECTED;
    };
  }
}
