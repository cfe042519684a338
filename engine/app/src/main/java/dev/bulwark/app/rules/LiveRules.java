package dev.bulwark.app.rules;

import dev.bulwark.app.pipeline.JournalProcessors;
import dev.bulwark.rules.RuleCompilationException;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.RuleSetCompiler;
import dev.bulwark.rules.RuleSources;
import dev.bulwark.rules.reference.AnonymisingNetworks;
import dev.bulwark.rules.reference.CorporateNetworks;
import dev.bulwark.rules.reference.ReferenceData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The rule set in force and the reference data beside it. A reload compiles a new set from the
 * bundled pack and the rules directory beside the running one, and swaps it in only if it compiles;
 * the running set keeps working otherwise. After a swap the journal processor rebuilds its windows
 * by replaying the journal (risk state is in the database and is not touched).
 */
public class LiveRules {

  private static final Logger LOG = LoggerFactory.getLogger(LiveRules.class);

  private final RuleSetCompiler compiler = new RuleSetCompiler();
  private final RulesProperties properties;
  private final ReferenceData reference;
  private final ObjectProvider<JournalProcessors> processor;
  private volatile RuleSet current;

  LiveRules(
      RulesProperties properties,
      ReferenceData reference,
      ObjectProvider<JournalProcessors> processor) {
    this.properties = properties;
    this.reference = reference;
    this.processor = processor;
    loadNetworks();
    this.current = compiler.compile(sources());
  }

  public RuleSet current() {
    return current;
  }

  public ReferenceData reference() {
    return reference;
  }

  /** What a reload did: the version in force afterwards, and the problems if it failed. */
  public record Reload(
      boolean swapped, String version, List<RuleCompilationException.Problem> errors) {}

  /** Recompiles from the bundled pack and the rules directory; swaps only when it compiles. */
  public synchronized Reload reload() {
    List<RuleCompilationException.Problem> problems = new ArrayList<>();
    try {
      loadNetworks();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      problems.add(new RuleCompilationException.Problem("(reference data)", 0, e.getMessage()));
    }
    RuleSet candidate;
    try {
      candidate = compiler.compile(sources());
    } catch (RuleCompilationException e) {
      problems.addAll(e.problems());
      LOG.warn(
          "BULWARK-3001 rule reload failed, version {} stays in force: {}",
          current.version(),
          e.getMessage());
      return new Reload(false, current.version(), problems);
    }
    if (candidate.version().equals(current.version())) {
      return new Reload(false, current.version(), problems);
    }
    String previous = current.version();
    current = candidate;
    JournalProcessors journalProcessor = processor.getIfAvailable();
    if (journalProcessor != null) {
      journalProcessor.reset();
    }
    LOG.info("BULWARK-3002 rule set {} replaced {}: {}", candidate.version(), previous, candidate);
    return new Reload(true, candidate.version(), problems);
  }

  /** The bundled files, then the directory's (a same-named file replaces the bundled one). */
  SortedMap<String, String> sources() {
    SortedMap<String, String> sources = new TreeMap<>(RuleSources.bundled());
    if (properties.getDir() != null && Files.isDirectory(properties.getDir())) {
      sources.putAll(RuleSources.directory(properties.getDir()));
    }
    return sources;
  }

  /** A fingerprint of the rules directory: names, sizes and modification times. */
  String directoryFingerprint() {
    Path dir = properties.getDir();
    if (dir == null || !Files.isDirectory(dir)) {
      return "";
    }
    StringBuilder fingerprint = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        fingerprint
            .append(file.getFileName())
            .append(':')
            .append(Files.size(file))
            .append(':')
            .append(Files.getLastModifiedTime(file).toMillis())
            .append(';');
      }
    } catch (IOException e) {
      return "unreadable";
    }
    return fingerprint.toString();
  }

  private void loadNetworks() {
    Path dir = properties.getDir();
    Path anonymising = dir == null ? null : dir.resolve(AnonymisingNetworks.FILE_NAME);
    reference.replaceAnonymisingNetworks(
        anonymising != null && Files.isRegularFile(anonymising)
            ? AnonymisingNetworks.parse(anonymising.toString(), read(anonymising))
            : AnonymisingNetworks.defaults());
    List<String> corporate = new ArrayList<>(properties.getCorporateNetworks());
    Path corporateFile = dir == null ? null : dir.resolve(CorporateNetworks.FILE_NAME);
    if (corporateFile != null && Files.isRegularFile(corporateFile)) {
      corporate.addAll(read(corporateFile).lines().toList());
    }
    reference.replaceCorporateNetworks(CorporateNetworks.parse("corporate networks", corporate));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
