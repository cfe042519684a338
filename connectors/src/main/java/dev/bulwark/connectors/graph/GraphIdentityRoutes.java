package dev.bulwark.connectors.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.connectors.support.ConnectorPolicy;
import dev.bulwark.connectors.support.MfaWindow;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microsoft Entra ID through Microsoft Graph: block and unblock sign-in ({@code accountEnabled}),
 * revoke sign-in sessions, and remove authentication methods. The target of every action is the
 * user principal name (or object id).
 *
 * <p>Parameter of {@code REMOVE_MFA}: {@code registeredSince} (ISO-8601 instant); see {@link
 * MfaWindow}. The password method is never removed (Graph cannot delete it).
 */
public final class GraphIdentityRoutes extends ProviderRoutes {

  private static final Logger log = LoggerFactory.getLogger(GraphIdentityRoutes.class);

  /** {@code @odata.type} of each deletable method → the collection its DELETE goes to. */
  static final Map<String, String> DELETABLE =
      Map.of(
          "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
              "microsoftAuthenticatorMethods",
          "#microsoft.graph.phoneAuthenticationMethod", "phoneMethods",
          "#microsoft.graph.fido2AuthenticationMethod", "fido2Methods",
          "#microsoft.graph.softwareOathAuthenticationMethod", "softwareOathMethods",
          "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod",
              "windowsHelloForBusinessMethods",
          "#microsoft.graph.emailAuthenticationMethod", "emailMethods",
          "#microsoft.graph.temporaryAccessPassAuthenticationMethod", "temporaryAccessPassMethods");

  private final GraphUsers users;

  public GraphIdentityRoutes(GraphSettings settings, Set<ActionType> actions) {
    super(
        GraphSettings.PROVIDER,
        actions,
        new ConnectorPolicy(GraphSettings.PROVIDER, settings.policy()),
        settings.dryRun());
    this.users = new GraphUsers(settings);
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
      case DISABLE_ACCOUNT -> setEnabled(request.target(), false);
      case ENABLE_ACCOUNT -> setEnabled(request.target(), true);
      case REVOKE_SESSIONS -> revoke(request.target());
      case REMOVE_MFA ->
          removeMethods(
              request.target(),
              MfaWindow.of(GraphSettings.PROVIDER, request.parameters().get(MfaWindow.PARAMETER)));
      default -> throw new IllegalStateException("unsupported " + request.type());
    };
  }

  private ActionResult setEnabled(String upn, boolean enabled) {
    JsonNode user = users.user(upn);
    String verb = enabled ? "enabled" : "disabled";
    if (user.path("accountEnabled").asBoolean(true) == enabled) {
      return unchanged(upn + " was already " + verb);
    }
    users.setAccountEnabled(user.path("id").asText(), enabled);
    log.info("BULWARK-5701 graph {} {}", verb, upn);
    return done(verb + " " + upn + " (accountEnabled " + enabled + ")");
  }

  private ActionResult revoke(String upn) {
    users.revokeSignInSessions(users.user(upn).path("id").asText());
    log.info("BULWARK-5702 graph revoked the sign-in sessions of {}", upn);
    return done("revoked the sign-in sessions and refresh tokens of " + upn);
  }

  private ActionResult removeMethods(String upn, MfaWindow window) {
    String userId = users.user(upn).path("id").asText();
    List<String> removed = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (JsonNode method : users.authenticationMethods(userId)) {
      String type = method.path("@odata.type").asText();
      String collection = DELETABLE.get(type);
      if (collection == null) {
        // The password, and types newer than this connector: listed, never guessed at.
        kept.add(type.replace("#microsoft.graph.", ""));
      } else if (window.includes(method.path("createdDateTime").asText(null))) {
        users.deleteMethod(userId, collection, method.path("id").asText());
        removed.add(collection);
      }
    }
    log.info(
        "BULWARK-5703 graph removed {} method(s) of {} {}; not removable: {}",
        removed.size(),
        upn,
        window,
        kept);
    String notRemovable = kept.isEmpty() ? "" : " (not removable: " + kept + ")";
    return removed.isEmpty()
        ? unchanged(upn + " had no method registered " + window + notRemovable)
        : done(
            "removed "
                + removed.size()
                + " method(s) of "
                + upn
                + " "
                + window
                + ": "
                + removed
                + notRemovable);
  }

  /**
   * A disable or enable left PENDING happened when {@code accountEnabled} now is as asked;
   * completed DONE, as the user object cannot say who changed it.
   */
  @Override
  protected Optional<ActionResult> current(ActionRequest request) {
    if (request.type() != ActionType.DISABLE_ACCOUNT
        && request.type() != ActionType.ENABLE_ACCOUNT) {
      return Optional.empty();
    }
    boolean enabled = users.user(request.target()).path("accountEnabled").asBoolean(true);
    return enabled == (request.type() == ActionType.ENABLE_ACCOUNT)
        ? Optional.of(
            done(request.target() + " found " + (enabled ? "enabled" : "disabled") + " on lookup"))
        : Optional.empty();
  }

  @Override
  public void probe() {
    if (!dryRun()) {
      users.probe();
    }
  }

  public int tokenFetches() {
    return users.tokenFetches();
  }
}
