package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSourcesTest {

  @Test
  void theIndexListsExactlyTheBundledRuleFiles() throws IOException {
    Path folder = TestAlerts.folder(RuleSources.BUNDLED_FOLDER);
    try (Stream<Path> files = Files.list(folder)) {
      var present =
          files.map(file -> file.getFileName().toString()).filter(n -> n.endsWith(".drl")).toList();

      assertThat(RuleSources.indexedFiles(TestAlerts.text(RuleSources.BUNDLED_INDEX)))
          .as("%s must list every .drl file beside it, once", RuleSources.BUNDLED_INDEX)
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(present);
    }
  }

  @Test
  void bundledSourcesAreReadThroughTheIndex() {
    assertThat(RuleSources.bundled())
        .containsKeys(
            "credential_access_brute_force_success.drl",
            "initial_access_login_from_anonymising_network.drl")
        .allSatisfy((file, drl) -> assertThat(drl).startsWith("package bulwark.rules;"));
  }

  @Test
  void aDirectoryGivesItsDrlFilesOnly(@TempDir Path directory) throws IOException {
    Path bundled = TestAlerts.folder(RuleSources.BUNDLED_FOLDER);
    Files.copy(
        bundled.resolve("initial_access_high_risk_siem_alert.drl"),
        directory.resolve("custom_rule.drl"));
    Files.copy(bundled.resolve("index.txt"), directory.resolve("notes.txt"));

    assertThat(RuleSources.directory(directory)).containsOnlyKeys("custom_rule.drl");
  }

  @Test
  void aMissingDirectoryIsReportedByName(@TempDir Path parent) {
    Path missing = parent.resolve("no-such-rules");

    assertThatThrownBy(() -> RuleSources.directory(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }
}
