package dev.bulwark.connectors.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.connectors.support.ConnectorPolicy;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keycloak as identity provider: disable and enable a user, end their sessions and revoke their
 * tokens. The target of every action is the username in the configured realm.
 *
 * <p>Parameters of {@code REVOKE_SESSIONS}: {@code token} (a refresh or access token to revoke by
 * RFC 7009), {@code tokenTypeHint}, {@code tokenClientId} (the client it was issued to; a public
 * client). Without a token, the user's sessions are ended, which invalidates all refresh tokens.
 */
public final class KeycloakIdentityRoutes extends ProviderRoutes {

  private static final Logger log = LoggerFactory.getLogger(KeycloakIdentityRoutes.class);

  private final KeycloakSettings settings;
  private final KeycloakAdmin admin;

  public KeycloakIdentityRoutes(KeycloakSettings settings, Set<ActionType> actions) {
    super(
        KeycloakSettings.PROVIDER,
        actions,
        new ConnectorPolicy(KeycloakSettings.PROVIDER, settings.policy()),
        settings.dryRun());
    this.settings = settings;
    this.admin = new KeycloakAdmin(settings);
  }

  @Override
  protected Set<ActionType> supported() {
    return EnumSet.of(
        ActionType.DISABLE_ACCOUNT, ActionType.ENABLE_ACCOUNT, ActionType.REVOKE_SESSIONS);
  }

  @Override
  protected ActionResult perform(ActionRequest request) {
    return switch (request.type()) {
      case DISABLE_ACCOUNT -> disable(request.target());
      case ENABLE_ACCOUNT -> enable(request.target());
      case REVOKE_SESSIONS -> revoke(request);
      default -> throw new IllegalStateException("unsupported " + request.type());
    };
  }

  private ActionResult disable(String username) {
    JsonNode user = admin.user(username);
    String id = user.get("id").asText();
    boolean wasEnabled = user.path("enabled").asBoolean(true);
    if (wasEnabled) {
      admin.setEnabled(id, false);
    }
    if (settings.logoutOnDisable()) {
      admin.logout(id);
    }
    log.info("BULWARK-5101 keycloak disabled user {} in realm {}", username, settings.realm());
    return wasEnabled
        ? done("disabled " + username + " in realm " + settings.realm())
        : unchanged(username + " was already disabled in realm " + settings.realm());
  }

  private ActionResult enable(String username) {
    JsonNode user = admin.user(username);
    boolean wasEnabled = user.path("enabled").asBoolean(true);
    if (!wasEnabled) {
      admin.setEnabled(user.get("id").asText(), true);
    }
    log.info("BULWARK-5102 keycloak enabled user {} in realm {}", username, settings.realm());
    return wasEnabled
        ? unchanged(username + " was already enabled in realm " + settings.realm())
        : done("enabled " + username + " in realm " + settings.realm());
  }

  private ActionResult revoke(ActionRequest request) {
    String username = request.target();
    String id = admin.user(username).get("id").asText();
    // Counted first: revoking a refresh token already ends its session.
    int sessions = admin.sessionCount(id);
    Object token = request.parameters().get("token");
    boolean revokedToken = false;
    if (token != null && !token.toString().isBlank()) {
      Object client = request.parameters().getOrDefault("tokenClientId", settings.clientId());
      Object hint = request.parameters().get("tokenTypeHint");
      String secret =
          settings.clientId().equals(client.toString()) ? settings.clientSecret().reveal() : null;
      admin.revoke(
          token.toString(), hint == null ? null : hint.toString(), client.toString(), secret);
      revokedToken = true;
    }
    admin.logout(id);
    log.info(
        "BULWARK-5103 keycloak ended {} sessions of {} in realm {}",
        sessions,
        username,
        settings.realm());
    return done(
        "ended "
            + sessions
            + " session(s) of "
            + username
            + (revokedToken ? " and revoked the given token (RFC 7009)" : ""));
  }

  /**
   * A disable or enable left PENDING happened when the user now is as asked. Keycloak cannot say
   * who changed the flag, so the entry is completed DONE: the likeliest story is that the node
   * which claimed it called Keycloak before it died.
   */
  @Override
  protected Optional<ActionResult> current(ActionRequest request) {
    if (request.type() != ActionType.DISABLE_ACCOUNT
        && request.type() != ActionType.ENABLE_ACCOUNT) {
      return Optional.empty();
    }
    boolean wantEnabled = request.type() == ActionType.ENABLE_ACCOUNT;
    boolean enabled = admin.user(request.target()).path("enabled").asBoolean(true);
    return enabled == wantEnabled
        ? Optional.of(
            done(
                request.target()
                    + " found "
                    + (enabled ? "enabled" : "disabled")
                    + " in realm "
                    + settings.realm()
                    + " on lookup"))
        : Optional.empty();
  }

  @Override
  public void probe() {
    if (!dryRun()) {
      admin.probe();
    }
  }

  /** The service-account token cache, for tests that check it is reused. */
  public int tokenFetches() {
    return admin.token().fetches();
  }
}
