package dev.bulwark.app.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandLineTest {

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

  @Test
  void runsEveryScenarioOfTheFolderAndExitsOneWhenAnyFails() throws URISyntaxException {
    Path dir = Path.of(getClass().getResource("/rules-cli").toURI());

    int exit = RulesCommandLine.run(new String[] {"rules", "test", dir.toString()}, out);

    assertThat(exit).isEqualTo(1);
    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains("PASS custom_ceo_login/ceo_logs_in")
        .contains("FAIL custom_ceo_login/wrong_expectation")
        // The actual decisions as JSON, ready to paste into the expectation.
        .contains("  actual:   [{\"ruleId\":\"0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\",")
        .contains("1 passed, 1 failed");
  }

  @Test
  void aBrokenRuleExitsTwoNamingFileLineAndColumn(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("broken.drl"),
        "package bulwark.custom;\n\nrule \"Broken\"\nwhen\n    String( \nthen\nend\n");

    int exit = RulesCommandLine.run(new String[] {"rules", "test", dir.toString()}, out);

    assertThat(exit).isEqualTo(2);
    assertThat(output.toString(StandardCharsets.UTF_8))
        .containsPattern("ERROR broken.drl:[5-7]:[1-9]\\d*: ");
  }
}
