package dev.bulwark.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.alert.Alert;
import dev.bulwark.core.incident.Entities;
import dev.bulwark.core.incident.Severity;
import dev.bulwark.core.rules.Decision;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

class DecisionEmitterTest {

  private static final Map<String, Object> METADATA =
      Map.of(
          "id", "\"0c9e2b1a-7f3d-4e5c-8a6b-1d2e3f4a5b6c\"",
          "severity", "\"high\"",
          "risk", "73",
          "playbook", "\"contain_compromised_account\"");

  private final DecisionEmitter decisions = new DecisionEmitter();

  @Test
  void anIncidentCarriesTheRuleMetadataAndEachAlertOnceInJournalOrder() {
    AlertEvent success = event(7, "jdoe", "vpn-gw-1", "203.0.113.7");
    List<AlertEvent> failures =
        List.of(
            event(5, "jdoe", "vpn-gw-2", "203.0.113.7"),
            event(3, "jdoe", "vpn-gw-1", "198.51.100.9"),
            success);

    decisions.incident(context("Brute force", METADATA), success, failures);
    List<Decision> drained = decisions.drain();

    assertThat(drained)
        .containsExactly(
            new Decision(
                "0c9e2b1a-7f3d-4e5c-8a6b-1d2e3f4a5b6c",
                "Brute force",
                Severity.HIGH,
                73,
                "user:jdoe",
                new Entities(
                    List.of("jdoe"),
                    List.of("vpn-gw-1", "vpn-gw-2"),
                    List.of("198.51.100.9", "203.0.113.7")),
                List.of(3L, 5L, 7L),
                "contain_compromised_account",
                Map.of()));
    assertThat(decisions.drain()).isEmpty();
  }

  @Test
  void theEntityIsTheUserElseTheHostElseTheSourceIp() {
    RuleContext rule = context("Rule", METADATA);
    decisions.incident(rule, event(1, null, "srv-db-01", "10.0.4.12"));
    decisions.incident(rule, event(2, null, null, "10.0.4.12"));
    decisions.incident(rule, event(3, null, null, null));

    assertThat(decisions.drain())
        .extracting(Decision::entityKey)
        .containsExactly("host:srv-db-01", "ip:10.0.4.12", "alert:3");
  }

  @Test
  void theConsequenceMayAdjustRiskSeverityAndParameters() {
    decisions
        .incident(context("Rule", METADATA), event(1, "jdoe", null, null))
        .risk(140.2)
        .severity("critical")
        .parameter("reason", "test");

    Decision decision = decisions.drain().get(0);
    assertThat(decision.riskScore()).isEqualTo(100);
    assertThat(decision.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(decision.parameters()).containsEntry("reason", "test");
  }

  @Test
  void aRuleWithoutMetadataFailsNamingTheRule() {
    assertThatThrownBy(
            () -> decisions.incident(context("Bare rule", Map.of()), event(1, "x", null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("rule \"Bare rule\" has invalid metadata: @id is missing");
  }

  private static AlertEvent event(long seq, String user, String host, String ip) {
    ObjectNode document = TestAlerts.JSON.createObjectNode();
    if (user != null) {
      document.putObject("user").put("name", user);
    }
    if (host != null) {
      document.putObject("host").put("name", host);
    }
    if (ip != null) {
      document.putObject("source").put("ip", ip);
    }
    return new AlertEvent(new Alert(seq, Instant.parse("2025-03-10T09:00:00Z"), document));
  }

  /** The part of a consequence's {@code drools} the emitter uses: the rule's name and metadata. */
  private static RuleContext context(String name, Map<String, Object> metadata) {
    Rule rule =
        proxy(
            Rule.class,
            Map.of("getName", name, "getPackageName", "bulwark.test", "getMetaData", metadata));
    return proxy(RuleContext.class, Map.of("getRule", rule));
  }

  private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
              }
              return answers.get(method.getName());
            }));
  }
}
