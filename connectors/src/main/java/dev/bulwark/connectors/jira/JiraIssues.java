package dev.bulwark.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.ProviderHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Jira Cloud REST v3 calls a ticket needs (API reference: "Issues", "Issue search" and "Issue
 * comments" at developer.atlassian.com/cloud/jira/platform/rest/v3).
 */
final class JiraIssues {

  private final String base;
  private final ProviderHttp http;
  private final String authorization;

  JiraIssues(JiraSettings settings) {
    this.base = settings.baseUrl().toString().replaceAll("/+$", "");
    this.http = new ProviderHttp(JiraSettings.PROVIDER, settings.policy().timeout());
    String credentials = settings.email() + ":" + settings.apiToken().reveal();
    this.authorization =
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** The key of the issue in the project carrying the label, if there is one. */
  Optional<String> findByLabel(String project, String label) {
    String jql = "project = \"" + project + "\" AND labels = \"" + label + "\" ORDER BY created";
    JsonNode answer =
        get(
            "/rest/api/3/search/jql?jql="
                + URLEncoder.encode(jql, StandardCharsets.UTF_8)
                + "&fields=key&maxResults=1",
            "find the ticket labelled " + label);
    JsonNode issues = answer.path("issues");
    return issues.isArray() && !issues.isEmpty()
        ? Optional.of(issues.get(0).path("key").asText())
        : Optional.empty();
  }

  /** Creates the issue and answers its key (201 with {@code {id, key, self}}). */
  String create(
      String project,
      String issueType,
      String summary,
      ObjectNode description,
      List<String> labels) {
    Map<String, Object> fields =
        Map.of(
            "project", Map.of("key", project),
            "issuetype", Map.of("name", issueType),
            "summary", summary,
            "description", description,
            "labels", labels);
    JsonNode answer = post("/rest/api/3/issue", Map.of("fields", fields), "create the ticket");
    String key = answer.path("key").asText("");
    if (key.isEmpty()) {
      throw new ConnectorFailure(
          JiraSettings.PROVIDER,
          FailureKind.REJECTED,
          "create the ticket: Jira answered without an issue key");
    }
    return key;
  }

  /** Adds a comment to the issue (201). */
  void comment(String issueKey, ObjectNode body) {
    post(
        "/rest/api/3/issue/" + URLEncoder.encode(issueKey, StandardCharsets.UTF_8) + "/comment",
        Map.of("body", body),
        "comment on " + issueKey);
  }

  /** {@code GET /rest/api/3/myself}: proves the site answers and the token works. */
  void probe() {
    get("/rest/api/3/myself", "check the API token");
  }

  private JsonNode get(String path, String operation) {
    return http.json(
        http.send(
            http.request(URI.create(base + path))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET()
                .build(),
            operation),
        operation);
  }

  private JsonNode post(String path, Object body, String operation) {
    return http.json(
        http.send(
            http.request(URI.create(base + path))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(ProviderHttp.jsonBody(body))
                .build(),
            operation),
        operation);
  }
}
