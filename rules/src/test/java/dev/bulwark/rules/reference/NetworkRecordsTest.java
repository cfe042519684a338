package dev.bulwark.rules.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.rules.reference.NetworkRecords.InvalidNetworksException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkRecordsTest {

  @Test
  void anonymisingEntriesMatchByAsNumberOrAWordOfTheOrganisation() {
    AnonymisingNetworks networks =
        NetworkRecords.anonymising(
            "[{\"as.number\": 64512, \"description\": \"a test VPN\"},"
                + " {\"as.organization.name\": \"Example Proxy\"}]");

    assertThat(networks.contains("64512", null)).isTrue();
    assertThat(networks.contains("AS64512", null)).isTrue();
    assertThat(networks.contains("7922", "Example Proxy Services Ltd")).isTrue();
    assertThat(networks.contains("7922", "Comcast Cable")).isFalse();
    assertThat(networks.entries())
        .containsExactly(
            new AnonymisingNetworks.Entry(64512L, null, "a test VPN"),
            new AnonymisingNetworks.Entry(null, "Example Proxy", null));
  }

  @Test
  void everyBadAnonymisingEntryIsNamedByIndexAndField() {
    assertThatThrownBy(
            () ->
                NetworkRecords.anonymising(
                    "[{\"as.number\": \"AS9009\"}, {\"asn\": 1}, {}, {\"as.number\": 1,"
                        + " \"as.organization.name\": \"x\"}, {\"as.number\": 9009},"
                        + " {\"as.number\": 9009}, {\"as.organization.name\": \" \"}]"))
        .isInstanceOfSatisfying(
            InvalidNetworksException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "$[0].as.number must be a whole number from 0 to 4294967295, got"
                            + " \"AS9009\"",
                        "$[1] has an unknown field \"asn\"; expected as.number,"
                            + " as.organization.name, description",
                        "$[2] must have exactly one of as.number and as.organization.name, got {}",
                        "$[3] must have exactly one of as.number and as.organization.name, got"
                            + " {\"as.number\":1,\"as.organization.name\":\"x\"}",
                        "$[5] lists AS9009 a second time",
                        "$[6].as.organization.name must not be blank"));
  }

  @Test
  void corporateEntriesAreCidrsAndABadOneIsNamed() {
    CorporateNetworks networks =
        NetworkRecords.corporate(
            "[{\"cidr\": \"198.51.100.0/24\", \"description\": \"office\"},"
                + " {\"cidr\": \"2001:db8::/32\"}]");

    assertThat(networks.contains("198.51.100.77")).isTrue();
    assertThat(networks.contains("2001:db8::1")).isTrue();
    assertThat(networks.contains("203.0.113.1")).isFalse();
    assertThat(networks.entries())
        .extracting(CorporateNetworks.Entry::cidr)
        .containsExactly("198.51.100.0/24", "2001:db8::/32");

    assertThatThrownBy(
            () ->
                NetworkRecords.corporate(
                    "[{\"cidr\": \"10.0.0.0/24\"}, {\"cidr\": \"10.0.0.0/33\"}]"))
        .hasMessage("$[1].cidr: the prefix length of \"10.0.0.0/33\" must be 0 to 32");
    assertThatThrownBy(() -> NetworkRecords.corporate("{\"cidr\": \"10.0.0.0/8\"}"))
        .hasMessage("expected a JSON array of corporate networks, got object");
  }

  @Test
  void theShippedListKeepsItsCommentsAsDescriptions() {
    List<AnonymisingNetworks.Entry> entries = AnonymisingNetworks.defaults().entries();

    assertThat(entries)
        .contains(
            new AnonymisingNetworks.Entry(
                9009L, null, "M247 Europe (hosts many commercial VPN exits)"));
  }

  @Test
  void anOverrideWinsOverTheDefaultUntilCleared() {
    ReferenceData reference = ReferenceData.withDefaults();
    reference.overrideAnonymisingNetworks(NetworkRecords.anonymising("[{\"as.number\": 64512}]"));

    assertThat(reference.anonymisingNetworks().contains("64512", null)).isTrue();
    assertThat(reference.anonymisingNetworks().contains(null, "Astrill Financial Inc.")).isFalse();

    reference.replaceAnonymisingNetworks(AnonymisingNetworks.defaults());
    assertThat(reference.anonymisingNetworks().contains("64512", null)).isTrue();

    reference.overrideAnonymisingNetworks(null);
    assertThat(reference.anonymisingNetworks().contains(null, "Astrill Financial Inc.")).isTrue();
  }
}
