package dev.bulwark.app.connectors;

import dev.bulwark.connectors.CamelActionProvider;
import dev.bulwark.connectors.crowdstrike.CrowdStrikeHostRoutes;
import dev.bulwark.connectors.crowdstrike.CrowdStrikeSettings;
import dev.bulwark.connectors.defender.DefenderSettings;
import dev.bulwark.connectors.elastic.ElasticDefendSettings;
import dev.bulwark.connectors.graph.GraphIdentityRoutes;
import dev.bulwark.connectors.graph.GraphSettings;
import dev.bulwark.connectors.keycloak.KeycloakIdentityRoutes;
import dev.bulwark.connectors.keycloak.KeycloakSettings;
import dev.bulwark.connectors.ldap.LdapDirectoryRoutes;
import dev.bulwark.connectors.ldap.LdapSettings;
import dev.bulwark.connectors.notify.EmailNotificationRoutes;
import dev.bulwark.connectors.notify.SmtpSettings;
import dev.bulwark.connectors.okta.OktaIdentityRoutes;
import dev.bulwark.connectors.okta.OktaSettings;
import dev.bulwark.connectors.sentinelone.SentinelOneSettings;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.connectors.webhook.WebhookNotificationRoutes;
import dev.bulwark.connectors.webhook.WebhookSettings;
import dev.bulwark.core.action.ActionType;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The route groups of the real providers named in {@code bulwark.connectors.providers}, built from
 * their settings; an unknown provider name fails the start with the names that exist.
 */
public final class ProviderRouteGroups {

  static final Set<String> KNOWN =
      Set.of(
          KeycloakSettings.PROVIDER,
          LdapSettings.PROVIDER,
          CrowdStrikeSettings.PROVIDER,
          OktaSettings.PROVIDER,
          GraphSettings.PROVIDER,
          DefenderSettings.PROVIDER,
          SentinelOneSettings.PROVIDER,
          ElasticDefendSettings.PROVIDER,
          WebhookSettings.PROVIDER,
          SmtpSettings.PROVIDER,
          CamelActionProvider.SimulatedProviderName.NAME);

  private final List<ProviderRoutes> groups;

  private ProviderRouteGroups(List<ProviderRoutes> groups) {
    this.groups = List.copyOf(groups);
  }

  public List<ProviderRoutes> groups() {
    return groups;
  }

  static ProviderRouteGroups build(Map<ActionType, String> providers, ConnectorProperties p) {
    Map<String, Set<ActionType>> byProvider = new TreeMap<>();
    providers.forEach(
        (type, name) -> {
          if (!allKnown().contains(name)) {
            throw new IllegalArgumentException(
                "bulwark.connectors.providers."
                    + type
                    + ": unknown provider '"
                    + name
                    + "'; known: "
                    + allKnown());
          }
          byProvider.computeIfAbsent(name, n -> EnumSet.noneOf(ActionType.class)).add(type);
        });
    List<ProviderRoutes> groups = new ArrayList<>();
    byProvider.forEach(
        (name, actions) -> {
          switch (name) {
            case KeycloakSettings.PROVIDER -> groups.add(keycloak(p.getKeycloak(), actions));
            case LdapSettings.PROVIDER -> groups.add(ldap(p.getLdap(), actions));
            case SmtpSettings.PROVIDER -> groups.add(smtp(p.getSmtp(), actions));
            case WebhookSettings.PROVIDER -> groups.add(webhook(p.getWebhook(), actions));
            case CrowdStrikeSettings.PROVIDER ->
                groups.add(crowdstrike(p.getCrowdstrike(), actions));
            case OktaSettings.PROVIDER -> groups.add(okta(p.getOkta(), actions));
            case GraphSettings.PROVIDER -> groups.add(graph(p.getGraph(), actions));
            case DefenderSettings.PROVIDER -> groups.add(EdrRouteGroups.defender(p, actions));
            case SentinelOneSettings.PROVIDER -> groups.add(EdrRouteGroups.sentinelOne(p, actions));
            case ElasticDefendSettings.PROVIDER ->
                groups.add(EdrRouteGroups.elasticDefend(p, actions));
            default -> {
              if (NotifyAndTicketRouteGroups.NAMES.contains(name)) {
                groups.add(NotifyAndTicketRouteGroups.build(name, p, actions));
              }
              // simulate: served by SimulatedActionRoutes
            }
          }
        });
    return new ProviderRouteGroups(groups);
  }

  /** Every provider name, sorted for the error message. */
  static java.util.SortedSet<String> allKnown() {
    java.util.SortedSet<String> all = new java.util.TreeSet<>(KNOWN);
    all.addAll(NotifyAndTicketRouteGroups.NAMES);
    return all;
  }

  private static ProviderRoutes keycloak(ConnectorProperties.Keycloak k, Set<ActionType> actions) {
    if (k.getBaseUrl() == null || k.getBaseUrl().isBlank()) {
      throw new IllegalArgumentException("bulwark.connectors.keycloak.base-url is required");
    }
    return new KeycloakIdentityRoutes(
        new KeycloakSettings(
            URI.create(k.getBaseUrl()),
            k.getRealm(),
            k.getClientRealm(),
            k.getClientId(),
            Secret.of(k.getClientSecret()),
            k.isLogoutOnDisable(),
            k.isDryRun(),
            k.toSettings()),
        actions);
  }

  private static ProviderRoutes ldap(ConnectorProperties.Ldap l, Set<ActionType> actions) {
    return new LdapDirectoryRoutes(
        new LdapSettings(
            l.getUrl(),
            l.getBindDn(),
            Secret.of(l.getBindPassword()),
            l.getUsersBase(),
            l.getUserAttribute(),
            l.getMode(),
            l.getDisabledOu(),
            l.isDryRun(),
            l.toSettings()),
        actions);
  }

  private static ProviderRoutes crowdstrike(
      ConnectorProperties.CrowdStrike c, Set<ActionType> actions) {
    if (c.getBaseUrl() == null || c.getBaseUrl().isBlank()) {
      throw new IllegalArgumentException("bulwark.connectors.crowdstrike.base-url is required");
    }
    return new CrowdStrikeHostRoutes(
        new CrowdStrikeSettings(
            URI.create(c.getBaseUrl()),
            c.getClientId(),
            Secret.of(c.getClientSecret()),
            c.isDryRun(),
            c.toSettings()),
        actions);
  }

  private static ProviderRoutes okta(ConnectorProperties.Okta o, Set<ActionType> actions) {
    if (o.getOrgUrl() == null || o.getOrgUrl().isBlank()) {
      throw new IllegalArgumentException("bulwark.connectors.okta.org-url is required");
    }
    return new OktaIdentityRoutes(
        new OktaSettings(
            URI.create(o.getOrgUrl()), Secret.of(o.getApiToken()), o.isDryRun(), o.toSettings()),
        actions);
  }

  private static ProviderRoutes graph(ConnectorProperties.Graph g, Set<ActionType> actions) {
    return new GraphIdentityRoutes(
        new GraphSettings(
            URI.create(g.getGraphUrl()),
            URI.create(g.getLoginUrl()),
            g.getTenantId(),
            g.getClientId(),
            Secret.of(g.getClientSecret()),
            g.getScope(),
            g.isDryRun(),
            g.toSettings()),
        actions);
  }

  private static ProviderRoutes webhook(ConnectorProperties.Webhook w, Set<ActionType> actions) {
    if (w.getUrl() == null || w.getUrl().isBlank()) {
      throw new IllegalArgumentException("bulwark.connectors.webhook.url is required");
    }
    return new WebhookNotificationRoutes(
        new WebhookSettings(
            URI.create(w.getUrl()),
            Secret.of(w.getSigningKey()),
            w.getLinksBaseUrl(),
            w.isDryRun(),
            w.toSettings()),
        actions);
  }

  private static ProviderRoutes smtp(ConnectorProperties.Smtp s, Set<ActionType> actions) {
    return new EmailNotificationRoutes(
        new SmtpSettings(
            s.getHost(),
            s.getPort(),
            s.getUsername(),
            Secret.of(s.getPassword()),
            s.getSecurity(),
            s.getFrom(),
            s.getLinksBaseUrl(),
            s.getRecipients(),
            s.isDryRun(),
            s.toSettings()),
        actions);
  }
}
