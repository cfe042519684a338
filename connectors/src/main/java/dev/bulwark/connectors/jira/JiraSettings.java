package dev.bulwark.connectors.jira;

import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import java.net.URI;
import java.util.Map;

/**
 * How Bulwark opens tickets in Jira Cloud (REST API v3, basic auth with an API token).
 *
 * @param baseUrl the site, e.g. {@code https://example.atlassian.net}
 * @param email the Atlassian account the API token belongs to
 * @param apiToken from the environment ({@code BULWARK_JIRA_API_TOKEN})
 * @param projects project keys per ticket queue a playbook names (e.g. {@code SOC -> SEC}); a queue
 *     not listed is taken as the project key itself
 * @param issueType the issue type to create, e.g. {@code Task} or {@code Incident}
 * @param linksBaseUrl the engine's public URL, for approve/reject links
 */
public record JiraSettings(
    URI baseUrl,
    String email,
    Secret apiToken,
    Map<String, String> projects,
    String issueType,
    String linksBaseUrl,
    boolean dryRun,
    PolicySettings policy) {

  public static final String PROVIDER = "jira";

  public JiraSettings {
    if (baseUrl == null) {
      throw new IllegalArgumentException(
          "bulwark.connectors.jira.base-url is required (e.g. https://example.atlassian.net)");
    }
    if (email == null || !email.contains("@")) {
      throw new IllegalArgumentException(
          "bulwark.connectors.jira.email must be the e-mail of the token's account, got " + email);
    }
    if (!dryRun && (apiToken == null || apiToken.isEmpty())) {
      throw new IllegalArgumentException(
          "bulwark.connectors.jira.api-token is required (set BULWARK_JIRA_API_TOKEN)");
    }
    projects = projects == null ? Map.of() : Map.copyOf(projects);
    if (issueType == null || issueType.isBlank()) {
      issueType = "Task";
    }
  }
}
