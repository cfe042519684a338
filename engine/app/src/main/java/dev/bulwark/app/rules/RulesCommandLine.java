package dev.bulwark.app.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.rules.RuleCompilationException;
import dev.bulwark.rules.RuleSet;
import dev.bulwark.rules.RuleSetCompiler;
import dev.bulwark.rules.RuleSources;
import dev.bulwark.rules.reference.AnonymisingNetworks;
import dev.bulwark.rules.reference.CorporateNetworks;
import dev.bulwark.rules.reference.IdentityRecords;
import dev.bulwark.rules.reference.ReferenceData;
import dev.bulwark.rules.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code java -jar bulwark.jar rules test DIR}: compiles the bundled pack with the {@code *.drl}
 * files of DIR (a same-named file replaces a bundled one), reads {@code identities.json}, {@code
 * corporate-networks.txt} and {@code anonymising-networks.txt} from DIR when present, and runs the
 * scenarios under {@code DIR/scenarios} (the bundled layout). Exit code 0 when all pass, 1 when a
 * scenario fails, 2 when the rules or scenarios cannot be read. No Spring, no database.
 */
public final class RulesCommandLine {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RulesCommandLine() {}

  /** Whether the arguments ask for the rules command line rather than the engine. */
  public static boolean wants(String[] args) {
    return args.length >= 1 && args[0].equals("rules");
  }

  public static int run(String[] args, PrintStream out) {
    if (args.length != 3 || !args[1].equals("test")) {
      out.println("usage: java -jar bulwark.jar rules test DIR");
      return 2;
    }
    Path dir = Path.of(args[2]);
    try {
      SortedMap<String, String> files = new TreeMap<>(RuleSources.bundled());
      files.putAll(RuleSources.directory(dir));
      RuleSet rules = new RuleSetCompiler().compile(files);
      ReferenceData reference = reference(dir);
      Path scenarios = Files.isDirectory(dir.resolve("scenarios")) ? dir.resolve("scenarios") : dir;
      ScenarioRunner runner = new ScenarioRunner(rules, reference);
      int failed = 0;
      List<ScenarioRunner.Scenario> all = ScenarioRunner.fromDirectory(scenarios);
      for (ScenarioRunner.Scenario scenario : all) {
        ScenarioRunner.Result result = runner.run(scenario);
        out.println((result.passed() ? "PASS " : "FAIL ") + result.name());
        if (!result.passed()) {
          failed++;
          out.println("  expected: " + result.expected());
          // Both as JSON, so that an author can paste the actual decisions into the expectation.
          out.println("  actual:   " + JSON.writeValueAsString(result.actual()));
        }
      }
      out.println(
          (all.size() - failed) + " passed, " + failed + " failed; rule set " + rules.version());
      return failed == 0 ? 0 : 1;
    } catch (RuleCompilationException e) {
      e.problems().forEach(problem -> out.println("ERROR " + problem));
      return 2;
    } catch (RuntimeException | IOException e) {
      out.println("ERROR " + e.getMessage());
      return 2;
    }
  }

  private static ReferenceData reference(Path dir) throws IOException {
    Path anonymising = dir.resolve(AnonymisingNetworks.FILE_NAME);
    ReferenceData reference =
        new ReferenceData(
            Files.isRegularFile(anonymising)
                ? AnonymisingNetworks.parse(anonymising.toString(), Files.readString(anonymising))
                : AnonymisingNetworks.defaults());
    Path identities = dir.resolve("identities.json");
    if (Files.isRegularFile(identities)) {
      reference.replaceIdentities(IdentityRecords.parse(Files.readString(identities)));
    }
    Path corporate = dir.resolve(CorporateNetworks.FILE_NAME);
    if (Files.isRegularFile(corporate)) {
      reference.replaceCorporateNetworks(
          CorporateNetworks.parse(corporate.toString(), Files.readAllLines(corporate)));
    }
    return reference;
  }
}
