package dev.bulwark.app.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.app.web.BadRequestException;
import dev.bulwark.core.incident.IncidentStatus;
import dev.bulwark.core.incident.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentQueriesTest {

  @Test
  void repeatedAndCommaSeparatedValuesAreBothRead() {
    IncidentQuery query =
        IncidentQueries.parse(
            " jdoe ",
            List.of("open,CONTAINED", "false_positive"),
            List.of("High"),
            "2026-11-01T00:00:00Z",
            null,
            2,
            50);

    assertThat(query.text()).isEqualTo("jdoe");
    assertThat(query.statuses())
        .containsExactly(
            IncidentStatus.OPEN, IncidentStatus.CONTAINED, IncidentStatus.FALSE_POSITIVE);
    assertThat(query.severities()).containsExactly(Severity.HIGH);
    assertThat(query.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(query.filters()).isTrue();
  }

  @Test
  void noParametersIsNoFilter() {
    assertThat(IncidentQueries.parse(null, null, null, null, " ", 0, 20).filters()).isFalse();
  }

  @Test
  void anUnknownSeverityNamesTheParameterOnce() {
    assertThatThrownBy(
            () -> IncidentQueries.parse(null, null, List.of("urgent"), null, null, 0, 20))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("severity must be one of low, medium, high, critical; got urgent");
  }

  @Test
  void fromMustBeBeforeTo() {
    assertThatThrownBy(
            () ->
                IncidentQueries.parse(
                    null, null, null, "2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z", 0, 20))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("from must be before to");
  }
}
