package dev.bulwark.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where DRL text comes from, as file name to DRL text, ready for {@link RuleSetCompiler}. The
 * bundled rules are listed in {@value #BUNDLED_INDEX} rather than found by scanning the classpath:
 * listing a folder works from a directory but not reliably inside a nested Spring Boot jar, while
 * reading a named resource works everywhere. A test keeps the index equal to the folder.
 */
public final class RuleSources {

  /** The classpath folder of the bundled rules. */
  public static final String BUNDLED_FOLDER = "bulwark/rules/";

  /** The bundled rules' index: one file name per line; blank lines and {@code #} comments skip. */
  public static final String BUNDLED_INDEX = BUNDLED_FOLDER + "index.txt";

  private RuleSources() {}

  /** The rules shipped in this module. */
  public static SortedMap<String, String> bundled() {
    return bundled(RuleSources.class.getClassLoader());
  }

  static SortedMap<String, String> bundled(ClassLoader classLoader) {
    SortedMap<String, String> sources = new TreeMap<>();
    for (String file : indexedFiles(read(classLoader, BUNDLED_INDEX))) {
      sources.put(file, read(classLoader, BUNDLED_FOLDER + file));
    }
    return sources;
  }

  /** Every {@code *.drl} file directly in {@code directory} (not in its subfolders). */
  public static SortedMap<String, String> directory(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "rules directory " + directory.toAbsolutePath() + " does not exist or is not a folder");
    }
    SortedMap<String, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(RuleSources::isDrl).toList()) {
        sources.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules from " + directory.toAbsolutePath(), e);
    }
    return sources;
  }

  static List<String> indexedFiles(String index) {
    return index
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  private static boolean isDrl(Path file) {
    return Files.isRegularFile(file) && file.getFileName().toString().endsWith(".drl");
  }

  private static String read(ClassLoader classLoader, String resource) {
    try (InputStream in = classLoader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "classpath resource "
                + resource
                + " is missing"
                + (resource.equals(BUNDLED_INDEX) ? "" : " but listed in " + BUNDLED_INDEX));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + resource, e);
    }
  }
}
