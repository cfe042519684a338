package dev.bulwark.app.connectors;

import java.util.LinkedHashMap;
import java.util.Map;

/** Jira Cloud tickets ({@code bulwark.connectors.jira}); see connectors/docs/jira.md. */
public class JiraProperties extends ConnectorProperties.Policy {

  /** The site, e.g. https://example.atlassian.net. */
  private String baseUrl;

  /** The Atlassian account the API token belongs to. */
  private String email;

  /** From BULWARK_JIRA_API_TOKEN. */
  private String apiToken;

  /** Project keys per ticket queue a playbook names (e.g. SOC: SEC); else the queue is the key. */
  private Map<String, String> projects = new LinkedHashMap<>();

  /** The issue type created. */
  private String issueType = "Task";

  /** The engine's public URL, for approve/reject links. */
  private String linksBaseUrl;

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getApiToken() {
    return apiToken;
  }

  public void setApiToken(String apiToken) {
    this.apiToken = apiToken;
  }

  public Map<String, String> getProjects() {
    return projects;
  }

  public void setProjects(Map<String, String> projects) {
    this.projects = projects;
  }

  public String getIssueType() {
    return issueType;
  }

  public void setIssueType(String issueType) {
    this.issueType = issueType;
  }

  public String getLinksBaseUrl() {
    return linksBaseUrl;
  }

  public void setLinksBaseUrl(String linksBaseUrl) {
    this.linksBaseUrl = linksBaseUrl;
  }
}
