package dev.bulwark.app.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bulwark.app.approval.ApprovalLinks.InvalidLinkException;
import dev.bulwark.app.playbook.PlaybookProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ApprovalLinksTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void aLinkSaysWhichTaskUserAndDecisionItWasIssuedFor() {
    ApprovalLinks links = links("s3cret", NOW);

    ApprovalLinks.Link link = links.verify(links.issue("task-1", "analyst", "approve"));

    assertThat(link.taskId()).isEqualTo("task-1");
    assertThat(link.user()).isEqualTo("analyst");
    assertThat(link.decision()).isEqualTo("approve");
    assertThat(link.expires()).isEqualTo(NOW.plus(Duration.ofHours(4)));
  }

  @Test
  void twoLinksForTheSameDecisionAreDistinctSoEachIsSingleUse() {
    ApprovalLinks links = links("s3cret", NOW);

    assertThat(links.verify(links.issue("task-1", "analyst", "approve")).nonce())
        .isNotEqualTo(links.verify(links.issue("task-1", "analyst", "approve")).nonce());
  }

  @Test
  void anExpiredLinkIsGoneAndSaysWhenItExpired() {
    String token = links("s3cret", NOW).issue("task-1", "analyst", "approve");

    InvalidLinkException e =
        catchThrowableOfType(
            InvalidLinkException.class,
            () -> links("s3cret", NOW.plus(Duration.ofHours(4))).verify(token));

    assertThat(e.gone()).isTrue();
    assertThat(e.getMessage()).contains("expired at 2026-11-27T14:00:00Z");
  }

  @Test
  void aLinkSignedWithAnotherSecretIsRefused() {
    String token = links("other", NOW).issue("task-1", "analyst", "approve");

    InvalidLinkException e =
        catchThrowableOfType(InvalidLinkException.class, () -> links("s3cret", NOW).verify(token));

    assertThat(e.gone()).isFalse();
    assertThat(e.getMessage()).contains("signature");
  }

  @Test
  void aLinkWhoseDecisionWasChangedIsRefused() {
    ApprovalLinks links = links("s3cret", NOW);
    String token = links.issue("task-1", "analyst", "reject");
    String payload =
        new String(
            java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
            java.nio.charset.StandardCharsets.UTF_8);
    String tampered =
        java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    payload
                        .replace("|reject|", "|approve|")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + token.substring(token.indexOf('.'));

    assertThat(catchThrowableOfType(InvalidLinkException.class, () -> links.verify(tampered)))
        .hasMessageContaining("signature");
  }

  @Test
  void theSecretNeverShowsInTheConfigurationsText() {
    PlaybookProperties properties = new PlaybookProperties();
    properties.getApprovalLinks().setSecret("s3cret");

    assertThat(properties.getApprovalLinks().toString()).doesNotContain("s3cret");
  }

  private static ApprovalLinks links(String secret, Instant now) {
    PlaybookProperties properties = new PlaybookProperties();
    properties.getApprovalLinks().setSecret(secret);
    return new ApprovalLinks(properties, Clock.fixed(now, ZoneOffset.UTC));
  }
}
