package dev.bulwark.app.connectors;

import dev.bulwark.connectors.jira.JiraSettings;
import dev.bulwark.connectors.jira.JiraTicketRoutes;
import dev.bulwark.connectors.pagerduty.PagerDutyNotificationRoutes;
import dev.bulwark.connectors.pagerduty.PagerDutySettings;
import dev.bulwark.connectors.slack.SlackNotificationRoutes;
import dev.bulwark.connectors.slack.SlackSettings;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.connectors.teams.TeamsNotificationRoutes;
import dev.bulwark.connectors.teams.TeamsSettings;
import dev.bulwark.core.action.ActionType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The route groups of the chat, paging and ticket providers, for {@link ProviderRouteGroups}. */
final class NotifyAndTicketRouteGroups {

  static final Set<String> NAMES =
      Set.of(
          SlackSettings.PROVIDER,
          TeamsSettings.PROVIDER,
          PagerDutySettings.PROVIDER,
          JiraSettings.PROVIDER);

  private NotifyAndTicketRouteGroups() {}

  static ProviderRoutes build(String name, ConnectorProperties p, Set<ActionType> actions) {
    return switch (name) {
      case SlackSettings.PROVIDER -> slack(p.getSlack(), actions);
      case TeamsSettings.PROVIDER -> teams(p.getTeams(), actions);
      case PagerDutySettings.PROVIDER -> pagerduty(p.getPagerduty(), actions);
      case JiraSettings.PROVIDER -> jira(p.getJira(), actions);
      default -> throw new IllegalArgumentException("not a notify or ticket provider: " + name);
    };
  }

  private static ProviderRoutes slack(SlackProperties s, Set<ActionType> actions) {
    return new SlackNotificationRoutes(
        new SlackSettings(
            uri(s.getBaseUrl(), "slack.base-url"),
            Secret.of(s.getBotToken()),
            s.getChannels(),
            s.getLinksBaseUrl(),
            s.isDryRun(),
            s.toSettings()),
        actions);
  }

  private static ProviderRoutes teams(TeamsProperties t, Set<ActionType> actions) {
    return new TeamsNotificationRoutes(
        new TeamsSettings(
            Secret.of(t.getWebhookUrl()),
            secrets(t.getWebhookUrls()),
            t.getLinksBaseUrl(),
            t.isDryRun(),
            t.toSettings()),
        actions);
  }

  private static ProviderRoutes pagerduty(PagerDutyProperties d, Set<ActionType> actions) {
    return new PagerDutyNotificationRoutes(
        new PagerDutySettings(
            uri(d.getBaseUrl(), "pagerduty.base-url"),
            Secret.of(d.getRoutingKey()),
            secrets(d.getRoutingKeys()),
            d.getSource(),
            d.getLinksBaseUrl(),
            d.isDryRun(),
            d.toSettings()),
        actions);
  }

  private static ProviderRoutes jira(JiraProperties j, Set<ActionType> actions) {
    if (j.getBaseUrl() == null || j.getBaseUrl().isBlank()) {
      throw new IllegalArgumentException("bulwark.connectors.jira.base-url is required");
    }
    return new JiraTicketRoutes(
        new JiraSettings(
            uri(j.getBaseUrl(), "jira.base-url"),
            j.getEmail(),
            Secret.of(j.getApiToken()),
            j.getProjects(),
            j.getIssueType(),
            j.getLinksBaseUrl(),
            j.isDryRun(),
            j.toSettings()),
        actions);
  }

  private static URI uri(String value, String option) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bulwark.connectors." + option + " is not a URL: " + value, e);
    }
  }

  private static Map<String, Secret> secrets(Map<String, String> values) {
    Map<String, Secret> secrets = new LinkedHashMap<>();
    values.forEach((channel, value) -> secrets.put(channel, Secret.of(value)));
    return secrets;
  }
}
