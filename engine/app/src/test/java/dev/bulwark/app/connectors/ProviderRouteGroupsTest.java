package dev.bulwark.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderRouteGroupsTest {

  @Test
  void noProvidersMeansNoRouteGroupsAndEverythingSimulated() {
    assertThat(ProviderRouteGroups.build(Map.of(), new ConnectorProperties()).groups()).isEmpty();
  }

  @Test
  void actionsOfOneProviderShareOneRouteGroup() {
    ConnectorProperties properties = new ConnectorProperties();
    properties.getKeycloak().setBaseUrl("https://sso.example.test");
    properties.getKeycloak().setRealm("corp");
    properties.getKeycloak().setClientId("bulwark");
    properties.getKeycloak().setClientSecret("from-env");
    properties.getSmtp().setHost("smtp.example.test");
    properties.getSmtp().setFrom("bulwark@example.test");

    var groups =
        ProviderRouteGroups.build(
                Map.of(
                    ActionType.DISABLE_ACCOUNT, "keycloak",
                    ActionType.REVOKE_SESSIONS, "keycloak",
                    ActionType.NOTIFY, "smtp",
                    ActionType.ISOLATE_HOST, "simulate"),
                properties)
            .groups();

    assertThat(groups).extracting(ProviderRoutes::provider).containsExactly("keycloak", "smtp");
    assertThat(groups.get(0).actions())
        .containsExactlyInAnyOrder(ActionType.DISABLE_ACCOUNT, ActionType.REVOKE_SESSIONS);
  }

  @Test
  void anUnknownProviderFailsTheStartNamingTheActionAndTheKnownProviders() {
    assertThatThrownBy(
            () ->
                ProviderRouteGroups.build(
                    Map.of(ActionType.DISABLE_ACCOUNT, "acme-idp"), new ConnectorProperties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "bulwark.connectors.providers.DISABLE_ACCOUNT: unknown provider 'acme-idp'; known: [")
        .hasMessageContaining("jira, keycloak, ldap, okta, pagerduty, sentinelone, simulate, slack")
        .hasMessageEndingWith("smtp, teams, webhook]");
  }

  @Test
  void chatPagingAndTicketProvidersAreBuiltFromTheirSettings() {
    ConnectorProperties properties = new ConnectorProperties();
    properties.getJira().setBaseUrl("https://example.atlassian.net");
    properties.getJira().setEmail("bulwark@example.test");
    properties.getJira().setApiToken("from-env");
    properties.getPagerduty().setRoutingKey("from-env");
    properties.getSlack().setDryRun(true);

    var groups =
        ProviderRouteGroups.build(
                Map.of(
                    ActionType.OPEN_TICKET, "jira",
                    ActionType.NOTIFY, "pagerduty"),
                properties)
            .groups();

    assertThat(groups).extracting(ProviderRoutes::provider).containsExactly("jira", "pagerduty");
    assertThat(groups.get(0).actions()).containsExactly(ActionType.OPEN_TICKET);
  }

  @Test
  void aMissingSlackTokenIsNamedWithTheVariableToSet() {
    assertThatThrownBy(
            () ->
                ProviderRouteGroups.build(
                    Map.of(ActionType.NOTIFY, "slack"), new ConnectorProperties()))
        .hasMessageContaining("BULWARK_SLACK_BOT_TOKEN");
  }

  @Test
  void aProviderThatCannotPerformTheActionFailsTheStart() {
    ConnectorProperties properties = new ConnectorProperties();
    properties.getSmtp().setHost("smtp.example.test");
    properties.getSmtp().setFrom("bulwark@example.test");

    assertThatThrownBy(
            () -> ProviderRouteGroups.build(Map.of(ActionType.DISABLE_ACCOUNT, "smtp"), properties))
        .hasMessageContaining("provider smtp cannot perform [DISABLE_ACCOUNT]");
  }

  @Test
  void aMissingSecretIsNamedWithTheVariableToSet() {
    ConnectorProperties properties = new ConnectorProperties();
    properties.getKeycloak().setBaseUrl("https://sso.example.test");
    properties.getKeycloak().setRealm("corp");
    properties.getKeycloak().setClientId("bulwark");

    assertThatThrownBy(
            () ->
                ProviderRouteGroups.build(
                    Map.of(ActionType.DISABLE_ACCOUNT, "keycloak"), properties))
        .hasMessageContaining("BULWARK_KEYCLOAK_CLIENT_SECRET");
  }

  @Test
  void oktaAndGraphServeTheIdentityActionsAndAMissingGraphSecretNamesItsVariable() {
    ConnectorProperties properties = new ConnectorProperties();
    properties.getOkta().setOrgUrl("https://example.okta.com");
    properties.getOkta().setApiToken("from-env");
    properties.getGraph().setTenantId("contoso-tenant");
    properties.getGraph().setClientId("bulwark-app");
    properties.getGraph().setClientSecret("from-env");

    var groups =
        ProviderRouteGroups.build(
                Map.of(
                    ActionType.DISABLE_ACCOUNT, "okta",
                    ActionType.REMOVE_MFA, "okta",
                    ActionType.REVOKE_SESSIONS, "graph"),
                properties)
            .groups();

    assertThat(groups).extracting(ProviderRoutes::provider).containsExactly("graph", "okta");
    properties.getGraph().setClientSecret("");
    assertThatThrownBy(
            () -> ProviderRouteGroups.build(Map.of(ActionType.REMOVE_MFA, "graph"), properties))
        .hasMessageContaining("BULWARK_GRAPH_CLIENT_SECRET");
  }

  @Test
  void eachEdrServesContainmentFromItsOwnSettings() {
    ConnectorProperties properties = new ConnectorProperties();
    properties.getDefender().setTenantId("contoso-tenant");
    properties.getDefender().setClientId("bulwark");
    properties.getDefender().setClientSecret("from-env");
    properties.getSentinelone().setBaseUrl("https://usea1-acme.sentinelone.net");
    properties.getSentinelone().setApiToken("from-env");
    properties.getElasticDefend().setKibanaUrl("https://kibana.example.test");
    properties.getElasticDefend().setApiKey("from-env");

    for (String edr : java.util.List.of("defender", "sentinelone", "elastic-defend")) {
      var groups =
          ProviderRouteGroups.build(
                  Map.of(ActionType.ISOLATE_HOST, edr, ActionType.RELEASE_HOST, edr), properties)
              .groups();

      assertThat(groups).extracting(ProviderRoutes::provider).containsExactly(edr);
      assertThat(groups.get(0).actions())
          .containsExactlyInAnyOrder(ActionType.ISOLATE_HOST, ActionType.RELEASE_HOST);
    }
  }

  @Test
  void anEdrWithoutItsUrlOrSecretFailsTheStartNamingWhatToSet() {
    ConnectorProperties properties = new ConnectorProperties();
    properties.getSentinelone().setBaseUrl("usea1-acme.sentinelone.net");
    properties.getDefender().setTenantId("contoso-tenant");
    properties.getDefender().setClientId("bulwark");

    assertThatThrownBy(
            () ->
                ProviderRouteGroups.build(
                    Map.of(ActionType.ISOLATE_HOST, "sentinelone"), properties))
        .hasMessage(
            "bulwark.connectors.sentinelone.base-url must be an http(s) URL,"
                + " got 'usea1-acme.sentinelone.net'");
    assertThatThrownBy(
            () ->
                ProviderRouteGroups.build(Map.of(ActionType.ISOLATE_HOST, "defender"), properties))
        .hasMessageContaining("BULWARK_DEFENDER_CLIENT_SECRET");
    assertThatThrownBy(
            () ->
                ProviderRouteGroups.build(
                    Map.of(ActionType.ISOLATE_HOST, "elastic-defend"), properties))
        .hasMessage("bulwark.connectors.elastic-defend.kibana-url is required");
  }
}
