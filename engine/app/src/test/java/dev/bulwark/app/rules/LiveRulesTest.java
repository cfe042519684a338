package dev.bulwark.app.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.app.pipeline.JournalProcessors;
import dev.bulwark.rules.RuleMetadata;
import dev.bulwark.rules.reference.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class LiveRulesTest {

  private static final String CUSTOM =
      """
      package bulwark.custom;

      import dev.bulwark.rules.AlertEvent;

      global dev.bulwark.rules.DecisionEmitter decisions;

      rule "Custom: login of the CEO"
          @id("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0")
          @severity("low")
          @risk(10)
          @window("0s")
      when
          $login : AlertEvent( userName == "ceo" )
      then
          decisions.risk(drools, $login);
      end
      """;

  @Test
  void aBrokenRuleInTheDirectoryLeavesTheRunningSetInForceAndNamesFileAndLine(@TempDir Path dir)
      throws IOException {
    LiveRules rules = liveRules(dir);
    String before = rules.current().version();

    Files.writeString(
        dir.resolve("custom_broken.drl"), CUSTOM.replace("userName == \"ceo\"", "userName == ("));
    LiveRules.Reload reload = rules.reload();

    assertThat(reload.swapped()).isFalse();
    assertThat(reload.version()).isEqualTo(before);
    assertThat(rules.current().version()).isEqualTo(before);
    assertThat(reload.errors()).isNotEmpty();
    assertThat(reload.errors().get(0).file()).isEqualTo("custom_broken.drl");
    assertThat(reload.errors().get(0).line()).isBetween(13, 14);
  }

  @Test
  void aGoodRuleInTheDirectoryIsSwappedInBesideTheBundledPackWithANewVersion(@TempDir Path dir)
      throws IOException {
    LiveRules rules = liveRules(dir);
    String before = rules.current().version();

    Files.writeString(dir.resolve("custom_ceo_login.drl"), CUSTOM);
    LiveRules.Reload reload = rules.reload();

    assertThat(reload.swapped()).isTrue();
    assertThat(reload.version()).isNotEqualTo(before).isEqualTo(rules.current().version());
    assertThat(rules.current().rules())
        .extracting(RuleMetadata::name)
        .contains("Custom: login of the CEO", "Login from an anonymising network");
  }

  @Test
  void corporateNetworksFromTheDirectoryAreReadOnReload(@TempDir Path dir) throws IOException {
    LiveRules rules = liveRules(dir);
    assertThat(rules.reference().isCorporate("198.51.100.7")).isFalse();

    Files.writeString(dir.resolve("corporate-networks.txt"), "198.51.100.0/24 # office\n");
    rules.reload();

    assertThat(rules.reference().isCorporate("198.51.100.7")).isTrue();
  }

  private static LiveRules liveRules(Path dir) {
    RulesProperties properties = new RulesProperties();
    properties.setDir(dir);
    return new LiveRules(
        properties,
        ReferenceData.withDefaults(),
        new StaticListableBeanFactory().getBeanProvider(JournalProcessors.class));
  }
}
