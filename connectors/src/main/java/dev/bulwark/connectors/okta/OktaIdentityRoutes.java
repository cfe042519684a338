package dev.bulwark.connectors.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.ConnectorPolicy;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.MfaWindow;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Okta as identity provider: suspend and unsuspend a user, clear their sessions and OAuth tokens,
 * and remove MFA factors. The target of every action is the user's Okta login.
 *
 * <p>Parameter of {@code REMOVE_MFA}: {@code registeredSince} (an ISO-8601 instant, the incident
 * window's start); only factors enrolled at or after it are removed, all of them without it.
 */
public final class OktaIdentityRoutes extends ProviderRoutes {

  private static final Logger log = LoggerFactory.getLogger(OktaIdentityRoutes.class);

  /** Okta's user status of a suspended user. */
  static final String SUSPENDED = "SUSPENDED";

  /** Okta's user status of a deactivated user, who cannot sign in and cannot be suspended. */
  static final String DEPROVISIONED = "DEPROVISIONED";

  private final OktaUsers users;

  public OktaIdentityRoutes(OktaSettings settings, Set<ActionType> actions) {
    super(
        OktaSettings.PROVIDER,
        actions,
        new ConnectorPolicy(OktaSettings.PROVIDER, settings.policy()),
        settings.dryRun());
    this.users = new OktaUsers(settings);
  }

  @Override
  protected Set<ActionType> supported() {
    return EnumSet.of(
        ActionType.DISABLE_ACCOUNT,
        ActionType.ENABLE_ACCOUNT,
        ActionType.REVOKE_SESSIONS,
        ActionType.REMOVE_MFA);
  }

  @Override
  protected ActionResult perform(ActionRequest request) {
    return switch (request.type()) {
      case DISABLE_ACCOUNT -> suspend(request.target());
      case ENABLE_ACCOUNT -> unsuspend(request.target());
      case REVOKE_SESSIONS -> clearSessions(request.target());
      case REMOVE_MFA ->
          removeFactors(
              request.target(),
              MfaWindow.of(OktaSettings.PROVIDER, request.parameters().get(MfaWindow.PARAMETER)));
      default -> throw new IllegalStateException("unsupported " + request.type());
    };
  }

  private ActionResult suspend(String login) {
    JsonNode user = users.user(login);
    String status = user.path("status").asText();
    if (status.equals(SUSPENDED) || status.equals(DEPROVISIONED)) {
      return unchanged(login + " was already unable to sign in (" + status + ")");
    }
    users.lifecycle(user.path("id").asText(), "suspend");
    log.info("BULWARK-5601 okta suspended {} (was {})", login, status);
    return done("suspended " + login + " (was " + status + ")");
  }

  private ActionResult unsuspend(String login) {
    JsonNode user = users.user(login);
    String status = user.path("status").asText();
    if (status.equals(DEPROVISIONED)) {
      // Unsuspending cannot bring back a deactivated user, and Bulwark never deactivates one.
      throw new ConnectorFailure(
          OktaSettings.PROVIDER,
          FailureKind.REJECTED,
          login + " is DEPROVISIONED; reactivate the user in Okta, Bulwark only unsuspends");
    }
    if (!status.equals(SUSPENDED)) {
      return unchanged(login + " was not suspended (" + status + ")");
    }
    users.lifecycle(user.path("id").asText(), "unsuspend");
    log.info("BULWARK-5602 okta unsuspended {}", login);
    return done("unsuspended " + login);
  }

  private ActionResult clearSessions(String login) {
    users.clearSessions(users.user(login).path("id").asText());
    log.info("BULWARK-5603 okta cleared the sessions and OAuth tokens of {}", login);
    return done("cleared the sessions and OAuth tokens of " + login);
  }

  private ActionResult removeFactors(String login, MfaWindow window) {
    String userId = users.user(login).path("id").asText();
    List<String> removed = new ArrayList<>();
    for (JsonNode factor : users.factors(userId)) {
      if (window.includes(factor.path("created").asText(null))) {
        users.deleteFactor(userId, factor.path("id").asText());
        removed.add(factor.path("factorType").asText() + "/" + factor.path("provider").asText());
      }
    }
    log.info("BULWARK-5604 okta removed {} factor(s) of {} {}", removed.size(), login, window);
    return removed.isEmpty()
        ? unchanged(login + " had no factor enrolled " + window)
        : done(
            "removed " + removed.size() + " factor(s) of " + login + " " + window + ": " + removed);
  }

  /**
   * A suspend or unsuspend left PENDING happened when the user now has the asked status; completed
   * DONE, as Okta's user object cannot say who changed it (the System Log could, at more cost).
   */
  @Override
  protected Optional<ActionResult> current(ActionRequest request) {
    if (request.type() != ActionType.DISABLE_ACCOUNT
        && request.type() != ActionType.ENABLE_ACCOUNT) {
      return Optional.empty();
    }
    String status = users.user(request.target()).path("status").asText();
    boolean asked =
        request.type() == ActionType.DISABLE_ACCOUNT
            ? status.equals(SUSPENDED)
            : status.equals("ACTIVE");
    return asked
        ? Optional.of(done(request.target() + " found " + status + " on lookup"))
        : Optional.empty();
  }

  @Override
  public void probe() {
    if (!dryRun()) {
      users.probe();
    }
  }
}
