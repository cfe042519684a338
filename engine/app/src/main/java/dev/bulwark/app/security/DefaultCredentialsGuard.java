package dev.bulwark.app.security;

import dev.bulwark.core.audit.AuditLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The embedded defaults (admin/admin and friends, intake key {@code dev-intake-key}) are public
 * knowledge. Without a profile they are allowed, with a warning nobody can miss; under any profile
 * the engine refuses to start with them, so a deployment cannot ship them by accident.
 */
@Component
class DefaultCredentialsGuard {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultCredentialsGuard.class);

  static final String DEV_INTAKE_KEY = "dev-intake-key";
  private static final List<String> DEFAULT_PASSWORDS =
      List.of("admin", "analyst", "analyst2", "viewer", "password", "changeme");

  DefaultCredentialsGuard(
      SecurityProperties security, Environment environment, ApiKeyStore keys, AuditLog audit) {
    List<String> defaults = defaultsIn(security);
    List<String> profiles =
        Arrays.stream(environment.getActiveProfiles()).filter(p -> !p.equals("default")).toList();
    boolean allowed =
        environment.getProperty("bulwark.security.allow-embedded-defaults", Boolean.class, false);
    if (!defaults.isEmpty() && !profiles.isEmpty() && allowed) {
      // Test suites run the production profiles on a laptop; they say so explicitly.
      LOG.warn(
          "BULWARK-7003 profile(s) {} run with the embedded default credentials {} because"
              + " bulwark.security.allow-embedded-defaults=true; never set it in a deployment",
          profiles,
          defaults);
    } else if (!defaults.isEmpty() && !profiles.isEmpty()) {
      throw new IllegalStateException(
          "BULWARK-7001 refusing to start: profile(s) "
              + profiles
              + " use the embedded default credentials "
              + defaults
              + ". Set bulwark.security.users and bulwark.security.intake-keys from your secret"
              + " store (see README, 'Running in production').");
    }
    if (!defaults.isEmpty()) {
      String bar = "*".repeat(78);
      LOG.warn(
          "BULWARK-7002 \n{}\n*  EMBEDDED DEFAULT CREDENTIALS IN USE: {}\n"
              + "*  Anyone who has read the README can log in and post alerts.\n"
              + "*  This is for a laptop. Under any Spring profile the engine refuses to start"
              + " with them.\n{}",
          bar,
          defaults,
          bar);
    }
    security.getIntakeKeys().forEach(keys::ensureConfigured);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("profiles", profiles);
    summary.put(
        "localUsers",
        security.getUsers().stream().map(SecurityProperties.LocalUser::getName).toList());
    summary.put("intakeKeySources", List.copyOf(security.getIntakeKeys().keySet()));
    summary.put("webhookSources", List.copyOf(security.getWebhookSecrets().keySet()));
    summary.put("embeddedDefaults", !defaults.isEmpty());
    audit.record("engine.started", "security", summary);
  }

  private static List<String> defaultsIn(SecurityProperties security) {
    List<String> found = new ArrayList<>();
    for (SecurityProperties.LocalUser user : security.getUsers()) {
      String password = user.getPassword() == null ? "" : user.getPassword();
      String plain = password.startsWith("{noop}") ? password.substring(6) : password;
      if (plain.equals(user.getName()) || DEFAULT_PASSWORDS.contains(plain)) {
        found.add("user " + user.getName());
      }
    }
    security
        .getIntakeKeys()
        .forEach(
            (source, key) -> {
              if (DEV_INTAKE_KEY.equals(key)) {
                found.add("intake key of " + source);
              }
            });
    return found;
  }
}
