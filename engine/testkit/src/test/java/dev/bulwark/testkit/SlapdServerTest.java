package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlapdServerTest {

  @Test
  void anAddedUserCanBindWithTheirPasswordButNotWithAnother() {
    SlapdServer slapd = SlapdServer.shared();
    String dn = "uid=testkit-bob," + SlapdServer.PEOPLE_DN;
    slapd.deleteIfPresent(dn);

    slapd.addUser("testkit-bob", "bob-pw");

    assertThat(slapd.bind(dn, "bob-pw")).isZero();
    assertThat(slapd.bind(dn, "not-bob-pw")).isEqualTo(49);
    assertThat(slapd.attribute(dn, "userAccountControl")).containsExactly("512");
  }
}
