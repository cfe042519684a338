package dev.bulwark.rules;

import dev.bulwark.rules.RuleCompilationException.Problem;
import dev.bulwark.rules.guard.DrlGuard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles DRL files into a {@link RuleSet}: a STREAM-mode KieBase built with the executable model
 * (the only compiler {@code drools-engine} ships), and every rule's metadata, validated. A bad file
 * fails with a {@link RuleCompilationException} listing each problem as {@code file:line: text}.
 *
 * <pre>
 * RuleSet rules = new RuleSetCompiler().compileBundled();
 * RuleEvaluator evaluator = new DroolsRuleEvaluator(rules);
 * </pre>
 */
public final class RuleSetCompiler {

  private static final Logger LOG = LoggerFactory.getLogger(RuleSetCompiler.class);
  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);
  private static final Pattern FILE_NAME = Pattern.compile("[\\w.-]+\\.drl");

  private final KieServices kieServices = KieServices.get();
  private final ClassLoader classLoader = RuleSetCompiler.class.getClassLoader();

  /** Compiles the rules shipped in this module ({@link RuleSources#bundled()}). */
  public RuleSet compileBundled() {
    return compile(RuleSources.bundled());
  }

  /** Compiles every {@code *.drl} file directly in {@code directory}. */
  public RuleSet compileDirectory(Path directory) {
    return compile(RuleSources.directory(directory));
  }

  /**
   * Compiles DRL sources.
   *
   * @param drlByFile DRL text by file name ({@code credential_access_brute_force_success.drl}); the
   *     name appears in error messages
   */
  public RuleSet compile(Map<String, String> drlByFile) {
    long started = System.nanoTime();
    List<Problem> problems = new ArrayList<>();
    KieFileSystem files = kieServices.newKieFileSystem();
    Map<String, String> fileByResource = new HashMap<>();
    drlByFile.forEach(
        (file, drl) -> {
          if (!FILE_NAME.matcher(file).matches()) {
            problems.add(
                new Problem(
                    file, 0, "a rule file name must be letters, digits, _ - . and end in .drl"));
            return;
          }
          // Rules are code running inside the engine: only what the guard allows is compiled.
          DrlGuard.findings(drl)
              .forEach(f -> problems.add(new Problem(file, f.line(), f.column(), f.text())));
          // The executable model wants each DRL in the folder of its package.
          String resource = packageFolder(drl) + file;
          fileByResource.put(resource, file);
          files.write(BuildErrors.RESOURCES + resource, drl);
        });
    if (!problems.isEmpty()) {
      throw new RuleCompilationException(problems);
    }
    ReleaseId releaseId =
        kieServices.newReleaseId("dev.bulwark.rules", "rule-set-" + UUID.randomUUID(), "1.0.0");
    files.generateAndWritePomXML(releaseId);
    KieBuilder builder = kieServices.newKieBuilder(files, classLoader);
    builder.buildAll(ExecutableModelProject.class);
    problems.addAll(new BuildErrors(fileByResource, drlByFile).problems(builder.getResults()));
    if (!problems.isEmpty()) {
      kieServices.getRepository().removeKieModule(releaseId);
      throw new RuleCompilationException(problems);
    }
    KieBase[] kieBases = newStreamKieBases(releaseId);
    KieBase kieBase = kieBases[0];
    List<RuleMetadata> rules = validate(kieBase, drlByFile, problems);
    if (!problems.isEmpty()) {
      throw new RuleCompilationException(problems);
    }
    keepOnly(kieBases[1], RulePartition.IDENTITY);
    keepOnly(kieBases[2], RulePartition.GLOBAL);
    for (KieBase each : kieBases) {
      FactTypes.leaveExpiryToEvaluator(each);
    }
    RuleSet ruleSet = new RuleSet(kieBase, kieBases[1], kieBases[2], rules, drlByFile);
    LOG.info(
        "BULWARK-0201 compiled {} rules from {} files in {} ms; version {}, longest window {},"
            + " replay window {}",
        rules.size(),
        drlByFile.size(),
        (System.nanoTime() - started) / 1_000_000,
        ruleSet.version(),
        ruleSet.longestWindow(),
        ruleSet.replayWindow());
    return ruleSet;
  }

  /**
   * Three KieBases of the same rules: all of them (backtests, scenarios, one node evaluating
   * everything), and the two that {@link #keepOnly} narrows to the identity and the global rules.
   */
  private KieBase[] newStreamKieBases(ReleaseId releaseId) {
    KieBaseConfiguration configuration = kieServices.newKieBaseConfiguration();
    configuration.setOption(EventProcessingOption.STREAM);
    try {
      KieContainer container = kieServices.newKieContainer(releaseId, classLoader);
      return new KieBase[] {
        container.newKieBase(configuration),
        container.newKieBase(configuration),
        container.newKieBase(configuration)
      };
    } finally {
      // The repository would otherwise keep every rule set ever compiled in this JVM.
      kieServices.getRepository().removeKieModule(releaseId);
    }
  }

  /**
   * Removes from a KieBase of its own the rules of the other partition, so a partition's sessions
   * neither match nor fire them: each alert is matched once per rule, not once per session.
   */
  private static void keepOnly(KieBase kieBase, RulePartition kept) {
    for (KiePackage kiePackage : kieBase.getKiePackages()) {
      for (Rule rule : List.copyOf(kiePackage.getRules())) {
        if (RuleMetadata.partition(rule.getMetaData()) != kept) {
          kieBase.removeRule(kiePackage.getName(), rule.getName());
        }
      }
    }
  }

  private static List<RuleMetadata> validate(
      KieBase kieBase, Map<String, String> drlByFile, List<Problem> problems) {
    RuleLocator locator = new RuleLocator();
    drlByFile.forEach(locator::add);
    List<RuleMetadata> rules = new ArrayList<>();
    Map<String, RuleMetadata> byId = new HashMap<>();
    for (KiePackage kiePackage : kieBase.getKiePackages()) {
      for (Rule rule : kiePackage.getRules()) {
        RuleLocator.Location at = locator.find(kiePackage.getName(), rule.getName());
        List<String> ruleProblems = new ArrayList<>();
        RuleMetadata metadata =
            RuleMetadata.read(rule.getName(), rule.getMetaData(), at.file(), ruleProblems);
        if (metadata != null) {
          RuleMetadata clash = byId.putIfAbsent(metadata.id(), metadata);
          if (clash != null) {
            ruleProblems.add(
                "@id "
                    + metadata.id()
                    + " is already used by rule \""
                    + clash.name()
                    + "\" in "
                    + clash.file());
          }
          rules.add(metadata);
        }
        ruleProblems.forEach(
            text ->
                problems.add(
                    new Problem(at.file(), at.line(), "rule \"" + rule.getName() + "\": " + text)));
      }
    }
    problems.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
    rules.sort(Comparator.comparing(RuleMetadata::file).thenComparing(RuleMetadata::name));
    return rules;
  }

  private static String packageFolder(String drl) {
    Matcher matcher = PACKAGE.matcher(drl);
    return matcher.find() ? matcher.group(1).replace('.', '/') + "/" : "";
  }
}
