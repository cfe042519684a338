package dev.bulwark.rules.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DRL guard against a corpus of hostile rule files under {@code src/test/resources/guard}: each
 * refused file says in its first line which reason it must be refused for.
 */
class DrlGuardTest {

  private static final Path CORPUS = Path.of("src/test/resources/guard");

  static Stream<Path> refused() throws IOException {
    return Files.list(CORPUS.resolve("refused")).sorted();
  }

  static Stream<Path> allowed() throws IOException {
    return Stream.concat(
            Files.list(CORPUS.resolve("allowed")),
            Files.list(Path.of("src/main/resources/bulwark/rules"))
                .filter(p -> p.toString().endsWith(".drl")))
        .sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void hostileRuleFilesAreRefusedNamingTheReasonAndLine(Path file) throws IOException {
    String drl = Files.readString(file, StandardCharsets.UTF_8);
    String expected = drl.lines().findFirst().orElseThrow().replace("// expect:", "").strip();

    assertThat(DrlGuard.findings(drl))
        .anySatisfy(
            finding -> {
              assertThat(finding.text()).contains(expected);
              assertThat(finding.line()).isPositive();
              assertThat(finding.column()).isPositive();
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allowed")
  void ordinaryRulesAndTheBundledPackPass(Path file) throws IOException {
    String drl = Files.readString(file, StandardCharsets.UTF_8);

    assertThat(DrlGuard.findings(drl)).isEmpty();
  }

  @Test
  void everyViolationIsFoundAtItsLineAndColumn() {
    String drl =
        "package bulwark.rules;\nimport java.io.File;\nrule \"x\" when then System.exit(0); end\n";
    String why =
        " is not allowed in rules (no system, process, thread, reflection, file or network"
            + " access)";

    assertThat(DrlGuard.findings(drl))
        .containsExactlyInAnyOrder(
            new DrlGuard.Finding(2, 1, "import java.io.File is not on the allow-list"),
            new DrlGuard.Finding(2, 16, "File" + why),
            new DrlGuard.Finding(3, 20, "System" + why),
            new DrlGuard.Finding(3, 27, "exit" + why));
  }

  @Test
  void theCompilerRefusesWhatTheGuardRefusesWithFileLineAndColumn() throws IOException {
    String drl = Files.readString(CORPUS.resolve("refused/system_exit.drl"));

    assertThatThrownBy(
            () ->
                new dev.bulwark.rules.RuleSetCompiler().compile(java.util.Map.of("exit.drl", drl)))
        .isInstanceOf(dev.bulwark.rules.RuleCompilationException.class)
        .hasMessageContaining("exit.drl:8:5: System is not allowed in rules");
  }
}
