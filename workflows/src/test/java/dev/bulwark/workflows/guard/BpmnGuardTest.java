package dev.bulwark.workflows.guard;

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
 * The BPMN guard against hostile playbooks under {@code src/test/resources/guard/refused}; each
 * says in a comment which reason it must be refused for. The bundled playbooks must pass.
 */
class BpmnGuardTest {

  static Stream<Path> refused() throws IOException {
    return Files.list(Path.of("src/test/resources/guard/refused")).sorted();
  }

  static Stream<Path> bundled() throws IOException {
    return Files.list(Path.of("src/main/resources/bpmn"))
        .filter(p -> p.toString().endsWith(".bpmn"))
        .sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void hostilePlaybooksAreRefusedNamingTheReason(Path file) throws IOException {
    byte[] xml = Files.readAllBytes(file);
    String expected =
        new String(xml, StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.contains("<!-- expect:"))
            .findFirst()
            .orElseThrow()
            .replace("<!-- expect:", "")
            .replace("-->", "")
            .strip();

    assertThat(BpmnGuard.violations(file.getFileName().toString(), xml))
        .anySatisfy(
            v -> assertThat(v).startsWith(file.getFileName().toString()).contains(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bundled")
  void theBundledPlaybooksPass(Path file) throws IOException {
    assertThat(BpmnGuard.violations(file.getFileName().toString(), Files.readAllBytes(file)))
        .isEmpty();
  }

  @Test
  void anExternalEntityIsNeverResolved() {
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><d>&x;</d>";

    assertThatThrownBy(() -> BpmnGuard.check("x.bpmn", xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnsafePlaybookException.class)
        .hasMessageContaining("DOCTYPE is disallowed");
  }
}
