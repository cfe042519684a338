package dev.bulwark.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds the Keycloak distribution that Maven downloaded (the testkit depends on its zip) and
 * unpacks it once into the build's root {@code target/}, so the next test JVM of the same build
 * (another module, or failsafe after surefire) reuses both the unpacked files and the database
 * Keycloak prepared on its first start.
 */
final class KeycloakDistribution {

  /** Overrides where the zip is (e.g. a build with an unusual local repository). */
  static final String ZIP_PROPERTY = "bulwark.testkit.keycloak-zip";

  /** Overrides where the distribution is unpacked. */
  static final String HOME_PROPERTY = "bulwark.testkit.keycloak-home";

  private KeycloakDistribution() {}

  /** The Keycloak home directory, unpacked if needed; contains {@code bin/kc.sh}. */
  static Path home() {
    Properties build = buildProperties();
    String version = build.getProperty("keycloak.version");
    Path zip = zip(build);
    Path home =
        Paths.get(
            System.getProperty(
                HOME_PROPERTY,
                Paths.get(buildRoot(build), "target", "keycloak-" + version).toString()));
    if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
      unpack(zip, home);
    }
    return home;
  }

  /** The reactor root, so every module of one build shares a home and its prepared database. */
  private static String buildRoot(Properties build) {
    String root = build.getProperty("build.root", "");
    return root.isEmpty() || root.startsWith("@") ? System.getProperty("user.dir") : root;
  }

  private static Path zip(Properties build) {
    Path zip = Paths.get(System.getProperty(ZIP_PROPERTY, build.getProperty("keycloak.zip")));
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(
          "Keycloak distribution not found at "
              + zip
              + ": build with Maven so that the testkit's dependency on"
              + " org.keycloak:keycloak-quarkus-dist:zip is downloaded, or set -D"
              + ZIP_PROPERTY);
    }
    return zip;
  }

  private static Properties buildProperties() {
    Properties properties = new Properties();
    try (InputStream in =
        KeycloakDistribution.class.getResourceAsStream("/bulwark-testkit.properties")) {
      if (in == null) {
        throw new IllegalStateException("bulwark-testkit.properties missing from the classpath");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  /** Unpacks into a sibling directory first and renames it, so a crash never leaves half a home. */
  private static void unpack(Path zip, Path home) {
    try {
      Files.createDirectories(home.getParent());
      Path staging = Files.createTempDirectory(home.getParent(), "keycloak-unpack-");
      Path top = null;
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
          Path target = staging.resolve(entry.getName()).normalize();
          if (!target.startsWith(staging)) {
            throw new IOException("zip entry escapes the target directory: " + entry.getName());
          }
          if (top == null) {
            top = staging.resolve(staging.relativize(target).getName(0));
          }
          if (entry.isDirectory()) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      if (top == null) {
        throw new IOException("empty Keycloak distribution " + zip);
      }
      try (var scripts = Files.list(top.resolve("bin"))) {
        scripts
            .filter(p -> p.toString().endsWith(".sh"))
            .forEach(p -> p.toFile().setExecutable(true));
      }
      Files.move(top, home, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("could not unpack " + zip + " into " + home, e);
    }
  }
}
