package dev.bulwark.connectors.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.bulwark.connectors.notify.EmailNotificationRoutes;
import dev.bulwark.connectors.notify.SmtpSettings;
import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.PolicySettings;
import dev.bulwark.connectors.support.Secret;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionStatus;
import dev.bulwark.core.action.ActionType;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** E-mail notifications through a real SMTP server (GreenMail), read back as a client would. */
class EmailNotificationIT {

  private static final String PASSWORD = "smtp-pw-3e8d";

  @RegisterExtension
  static GreenMailExtension mail =
      new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("bulwark", PASSWORD));

  @RegisterExtension static NoSecretsInLogs logs = new NoSecretsInLogs(PASSWORD);

  @Test
  void theIncidentMailHasAPlainTextAndAnHtmlPartWithEverythingTheReaderNeeds() throws Exception {
    ActionResult result = routes(PASSWORD, false).handle(incident("soc@example.test"));

    assertThat(result.status()).isEqualTo(ActionStatus.DONE);
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage message = received[0];
    assertThat(message.getSubject())
        .isEqualTo("[Bulwark] high: Impossible travel for alice (INC-42)");
    Multipart alternative = (Multipart) message.getContent();
    assertThat(alternative.getContentType()).startsWith("multipart/alternative");
    BodyPart text = alternative.getBodyPart(0);
    BodyPart html = alternative.getBodyPart(1);
    assertThat(text.getContentType()).startsWith("text/plain");
    assertThat(html.getContentType()).startsWith("text/html");
    assertThat((String) text.getContent())
        .contains("INC-42", "user: alice", "- impossible travel Paris -> Sydney in 1h (+60)")
        .contains("Awaiting approval: ISOLATE_HOST")
        .contains("- DISABLE_ACCOUNT alice: DONE")
        .contains("Approve: https://bulwark.example.test/api/v1/approvals/task-7?decision=approve")
        .contains("Reject:  https://bulwark.example.test/api/v1/approvals/task-7?decision=reject");
    assertThat((String) html.getContent())
        .contains("<li>impossible travel Paris -&gt; Sydney in 1h (+60)</li>")
        .contains("<th align=\"left\">host</th><td>laptop-17</td>")
        .contains("href=\"https://bulwark.example.test/api/v1/approvals/task-7?decision=approve\"");
  }

  @Test
  void aMailClientReadingTheInboxOverImapFindsBothPartsAndADate() throws Exception {
    routes(PASSWORD, false).handle(incident("soc@example.test"));

    // As a client sees it: over IMAP, from the recipient's own mailbox (GreenMail creates it on
    // delivery with the address as login and password).
    Store store = mail.getImap().createStore();
    store.connect("soc@example.test", "soc@example.test");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message message = inbox.getMessage(1);
      assertThat(message.getSentDate()).isNotNull();
      assertThat(message.getFrom()[0].toString()).isEqualTo("bulwark@example.test");
      Multipart alternative = (Multipart) message.getContent();
      assertThat(alternative.getCount()).isEqualTo(2);
      assertThat(alternative.getBodyPart(0).getContentType())
          .startsWith("text/plain")
          .containsIgnoringCase("charset=UTF-8");
      assertThat((String) alternative.getBodyPart(0).getContent())
          .contains("Signals", "new device fingerprint (+40)", "laptop-17");
      assertThat(alternative.getBodyPart(1).getContentType())
          .startsWith("text/html")
          .containsIgnoringCase("charset=UTF-8");
      assertThat((String) alternative.getBodyPart(1).getContent())
          .contains("<li>new device fingerprint (+40)</li>", "<td>laptop-17</td>")
          .contains("?decision=reject\">Reject</a>");
      inbox.close(false);
    } finally {
      store.close();
    }
  }

  @Test
  void theApprovalNotifiersLinksAndSubjectReachTheMail() throws Exception {
    // The shape ApprovalLinkNotifier sends: subject, the waiting actions, signed links.
    ActionRequest request =
        new ActionRequest(
            "INC-44",
            ActionType.NOTIFY,
            "soc@example.test",
            Map.of(
                "subject", "Approval needed for incident INC-44",
                "actions", "DISABLE_ACCOUNT, ISOLATE_HOST",
                "approveLink", "https://bulwark.example.test/approve?t=signed-a",
                "rejectLink", "https://bulwark.example.test/approve?t=signed-r"),
            "approval-task-9");

    routes(PASSWORD, false).handle(request);

    MimeMessage message = mail.getReceivedMessages()[0];
    assertThat(message.getSubject())
        .isEqualTo("[Bulwark] unknown: Approval needed for incident INC-44 (INC-44)");
    Multipart alternative = (Multipart) message.getContent();
    assertThat((String) alternative.getBodyPart(0).getContent())
        .contains("Awaiting approval: DISABLE_ACCOUNT, ISOLATE_HOST")
        .contains("Approve: https://bulwark.example.test/approve?t=signed-a")
        .contains("Reject:  https://bulwark.example.test/approve?t=signed-r");
    assertThat((String) alternative.getBodyPart(1).getContent())
        .contains("href=\"https://bulwark.example.test/approve?t=signed-a\"");
  }

  @Test
  void markupInAlertFieldsIsEscapedInTheHtmlPart() throws Exception {
    ActionRequest request =
        new ActionRequest(
            "INC-43",
            ActionType.NOTIFY,
            "soc@example.test",
            Map.of("reason", "<script>alert(1)</script>", "signals", List.of("<img src=x>")));

    routes(PASSWORD, false).handle(request);

    Multipart alternative = (Multipart) mail.getReceivedMessages()[0].getContent();
    String html = (String) alternative.getBodyPart(1).getContent();
    assertThat(html).doesNotContain("<script>").doesNotContain("<img").contains("&lt;script&gt;");
  }

  @Test
  void everyRecipientOfACommaSeparatedTargetGetsTheMail() {
    routes(PASSWORD, false).handle(incident("soc@example.test, ciso@example.test"));

    assertThat(mail.getReceivedMessages()).hasSize(2);
  }

  @Test
  void aChannelNameIsSentToTheAddressesConfiguredForIt() throws Exception {
    routes(PASSWORD, false).handle(incident("security"));

    assertThat(mail.getReceivedMessages()).hasSize(2);
    assertThat(mail.getReceivedMessages()[0].getAllRecipients()).hasSize(2);
  }

  @Test
  void aWrongPasswordIsUnauthorizedAndNothingIsSent() {
    assertThatThrownBy(() -> routes("not-it-77aa", false).handle(incident("soc@example.test")))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageNotContaining("not-it-77aa")
        .satisfies(
            e -> assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.UNAUTHORIZED));
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void aTargetThatIsNotAnAddressIsRejectedNamingIt() {
    assertThatThrownBy(() -> routes(PASSWORD, false).handle(incident("not an address@@")))
        .isInstanceOf(ConnectorFailure.class)
        .hasMessageContaining("not an address@@")
        .satisfies(e -> assertThat(((ConnectorFailure) e).retryable()).isFalse());
  }

  @Test
  void aServerThatNeverGreetsIsARetryableTimeout() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      EmailNotificationRoutes routes =
          new EmailNotificationRoutes(
              settings(silent.getLocalPort(), PASSWORD, false), EnumSet.of(ActionType.NOTIFY));

      assertThatThrownBy(() -> routes.handle(incident("soc@example.test")))
          .isInstanceOf(ConnectorFailure.class)
          .satisfies(
              e -> {
                assertThat(((ConnectorFailure) e).kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(((ConnectorFailure) e).retryable()).isTrue();
              });
    }
  }

  @Test
  void dryRunSendsNothing() {
    ActionResult result = routes(PASSWORD, true).handle(incident("soc@example.test"));

    assertThat(result.status()).isEqualTo(ActionStatus.SIMULATED);
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  private static ActionRequest incident(String to) throws RuntimeException {
    try (InputStream in =
        EmailNotificationIT.class.getResourceAsStream("/notify/incident-notification.json")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> parameters =
          new com.fasterxml.jackson.databind.ObjectMapper().readValue(in, Map.class);
      return new ActionRequest("INC-42", ActionType.NOTIFY, to, parameters);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static EmailNotificationRoutes routes(String password, boolean dryRun) {
    return new EmailNotificationRoutes(
        settings(mail.getSmtp().getPort(), password, dryRun), EnumSet.of(ActionType.NOTIFY));
  }

  private static SmtpSettings settings(int port, String password, boolean dryRun) {
    return new SmtpSettings(
        "127.0.0.1",
        port,
        "bulwark",
        Secret.of(password),
        SmtpSettings.Security.NONE,
        "bulwark@example.test",
        "https://bulwark.example.test",
        Map.of("security", "soc@example.test, ciso@example.test"),
        dryRun,
        new PolicySettings(
            Duration.ofSeconds(1),
            1,
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            5,
            Duration.ofSeconds(30)));
  }
}
