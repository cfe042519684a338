package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.alert.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentFieldsTest {

  @Test
  void theBundledPackKeepsOnlyTheFieldsItNamesInTextCalls() {
    DocumentFields fields = BundledRules.ruleSet().documentFields();

    assertThat(fields.wholeDocument()).isFalse();
    assertThat(fields.texts())
        .containsExactlyInAnyOrder("url.full", "device.manufacturer", "device.model.name");
  }

  @Test
  void aRuleThatReadsTheWholeAlertOrAComputedFieldKeepsWholeDocuments() {
    assertThat(
            DocumentFields.of(List.of("when $a : AlertEvent( getAlert().seq() > 0 )"))
                .wholeDocument())
        .isTrue();
    assertThat(
            DocumentFields.of(List.of("when $a : AlertEvent( text($field) != null )"))
                .wholeDocument())
        .isTrue();
    // Words in comments, strings and imports do not count.
    assertThat(
            DocumentFields.of(
                    List.of(
                        "import dev.bulwark.core.alert.Alert;\n"
                            + "// getAlert() text(x)\n"
                            + "rule \"alert text(y)\" when $alert : AlertEvent( kind == \"alert\" )"))
                .wholeDocument())
        .isFalse();
  }

  @Test
  void aRuleReadingTheSummaryKeepsTheFieldsTheSummaryComesFrom() {
    assertThat(DocumentFields.of(List.of("then x($a.getSummary());")).texts())
        .containsAll(DocumentFields.SUMMARY_FIELDS);
  }

  @Test
  void aCompactEventAnswersTheNamedFieldsAndPointsAtTheJournalForTheRest() {
    Alert alert =
        TestAlerts.ndjson(
                "scenarios/command_and_control_remote_access_tool/anydesk_on_an_engineers_laptop_fires.ndjson")
            .get(0);
    AlertEvent compact =
        new AlertEvent(alert, DocumentFields.of(List.of("text(\"host.name\")")), new Interner());

    assertThat(compact.text("host.name")).isEqualTo("lt-cwong");
    assertThat(compact.getProcessName()).isEqualTo("AnyDesk.exe");
    assertThat(compact.hasType("start")).isTrue();
    assertThat(compact.getSeq()).isEqualTo(1);
    assertThatThrownBy(compact::getAlert)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("journal");
  }
}
