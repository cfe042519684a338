package dev.bulwark.connectors.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which MFA methods REMOVE_MFA takes away, from the playbook's registeredSince. */
class MfaWindowTest {

  @Test
  void methodsRegisteredAtOrAfterTheStartAreInsideOlderOnesAreNot() {
    MfaWindow window = MfaWindow.of("okta", "2026-12-01T00:00:00Z");

    assertThat(window.includes("2026-12-01T00:00:00.000Z")).isTrue();
    assertThat(window.includes("2026-12-01T01:30:00+02:00")).isFalse();
    assertThat(window.includes("2026-11-30T23:59:59Z")).isFalse();
    assertThat(window.includes("2026-12-02T08:05:00Z")).isTrue();
  }

  @Test
  void aMethodWhoseRegistrationTimeIsUnknownIsInside() {
    MfaWindow window = MfaWindow.of("graph", "2026-12-01T00:00:00Z");

    assertThat(window.includes(null)).isTrue();
    assertThat(window.includes("")).isTrue();
    assertThat(window.includes("last tuesday")).isTrue();
  }

  @Test
  void withoutAStartEveryMethodIsInside() {
    MfaWindow window = MfaWindow.of("okta", null);

    assertThat(window.includes("2001-01-01T00:00:00Z")).isTrue();
    assertThat(window).hasToString("at any time");
    assertThat(MfaWindow.of("okta", " ")).hasToString("at any time");
  }

  @Test
  void aStartThatIsNotAnInstantIsRejectedNamingTheParameterAndValue() {
    assertThatThrownBy(() -> MfaWindow.of("graph", "yesterday"))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageContaining("registeredSince")
        .hasMessageContaining("'yesterday'")
        .satisfies(e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.REJECTED));
  }
}
