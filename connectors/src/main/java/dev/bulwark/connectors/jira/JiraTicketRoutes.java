package dev.bulwark.connectors.jira;

import dev.bulwark.connectors.notify.Notification;
import dev.bulwark.connectors.support.ConnectorPolicy;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code OPEN_TICKET} as a Jira Cloud issue. The target is the ticket queue the playbook names,
 * mapped to a project key. The issue carries a label made from the action's idempotency key, so a
 * repeat finds the issue it opened instead of opening a second one; a later request for the same
 * incident and queue on another occasion (an update, a rollback) becomes a comment on that issue.
 */
public final class JiraTicketRoutes extends ProviderRoutes {

  private static final Logger log = LoggerFactory.getLogger(JiraTicketRoutes.class);

  private final JiraSettings settings;
  private final JiraIssues issues;

  public JiraTicketRoutes(JiraSettings settings, Set<ActionType> actions) {
    super(
        JiraSettings.PROVIDER,
        actions,
        new ConnectorPolicy(JiraSettings.PROVIDER, settings.policy()),
        settings.dryRun());
    this.settings = settings;
    this.issues = new JiraIssues(settings);
  }

  @Override
  protected Set<ActionType> supported() {
    return EnumSet.of(ActionType.OPEN_TICKET);
  }

  @Override
  protected ActionResult perform(ActionRequest request) {
    String project = settings.projects().getOrDefault(request.target(), request.target());
    String label = label(request);
    Notification n = Notification.from(request, settings.linksBaseUrl());
    Optional<String> existing = issues.findByLabel(project, label);
    if (existing.isPresent() && request.occasion() == null) {
      return done("ticket " + existing.get() + " was already open for " + request.incidentId());
    }
    if (existing.isPresent()) {
      issues.comment(existing.get(), JiraDocument.of(n, "Update (" + request.occasion() + ")"));
      log.info(
          "BULWARK-5904 jira commented on {} for incident {} ({})",
          existing.get(),
          request.incidentId(),
          request.occasion());
      return done("commented on " + existing.get() + " (" + request.occasion() + ")");
    }
    String key =
        issues.create(
            project,
            settings.issueType(),
            JiraDocument.summary(n),
            JiraDocument.of(n, null),
            List.of("bulwark", label));
    log.info("BULWARK-5905 jira opened {} for incident {}", key, request.incidentId());
    return done("opened " + key + " in " + project);
  }

  /**
   * For a ledger entry a node left PENDING: the issue carrying the request's label means the ticket
   * was opened. A comment (another occasion) cannot be read back, so that stays "cannot tell".
   */
  @Override
  protected Optional<ActionResult> current(ActionRequest request) {
    if (request.occasion() != null) {
      return Optional.empty();
    }
    String project = settings.projects().getOrDefault(request.target(), request.target());
    return issues
        .findByLabel(project, label(request))
        .map(key -> done("ticket " + key + " was already open for " + request.incidentId()));
  }

  /**
   * {@code bulwark-<incident>_OPEN_TICKET_<queue>}: the idempotency key without its occasion, so
   * every occasion finds the one issue; Jira labels take no spaces, so anything else is {@code _}.
   */
  static String label(ActionRequest request) {
    String key =
        new ActionRequest(request.incidentId(), request.type(), request.target(), Map.of())
            .idempotencyKey();
    return "bulwark-" + key.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  @Override
  public void probe() {
    if (!dryRun()) {
      issues.probe();
    }
  }
}
