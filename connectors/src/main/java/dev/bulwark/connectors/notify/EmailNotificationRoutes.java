package dev.bulwark.connectors.notify;

import dev.bulwark.connectors.support.ConnectorFailure;
import dev.bulwark.connectors.support.ConnectorPolicy;
import dev.bulwark.connectors.support.FailureKind;
import dev.bulwark.connectors.support.ProviderRoutes;
import dev.bulwark.core.action.ActionRequest;
import dev.bulwark.core.action.ActionResult;
import dev.bulwark.core.action.ActionType;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mail notifications over SMTP: one {@code multipart/alternative} message with a plain-text and
 * an HTML part, so every client shows something readable. The target is one address or several
 * separated by commas.
 */
public final class EmailNotificationRoutes extends ProviderRoutes {

  private static final Logger log = LoggerFactory.getLogger(EmailNotificationRoutes.class);

  private final SmtpSettings settings;
  private final Session session;

  public EmailNotificationRoutes(SmtpSettings settings, Set<ActionType> actions) {
    super(
        SmtpSettings.PROVIDER,
        actions,
        new ConnectorPolicy(SmtpSettings.PROVIDER, settings.policy()),
        settings.dryRun());
    this.settings = settings;
    this.session = Session.getInstance(properties(settings));
  }

  @Override
  protected Set<ActionType> supported() {
    return EnumSet.of(ActionType.NOTIFY);
  }

  @Override
  protected ActionResult perform(ActionRequest request) {
    Notification notification = Notification.from(request, settings.linksBaseUrl());
    InternetAddress[] to =
        recipients(settings.recipients().getOrDefault(request.target(), request.target()));
    MimeMessage message = message(notification, to);
    try (Transport transport = session.getTransport()) {
      transport.connect(
          settings.host(), settings.port(), blankToNull(settings.username()), password());
      transport.sendMessage(message, to);
    } catch (AuthenticationFailedException e) {
      throw failure(FailureKind.UNAUTHORIZED, "login as " + settings.username() + " refused", e);
    } catch (SendFailedException e) {
      throw failure(FailureKind.REJECTED, "recipients refused: " + e.getMessage(), e);
    } catch (MessagingException e) {
      throw failure(kind(e), "sending to " + request.target() + " failed: " + e.getMessage(), e);
    }
    log.info("BULWARK-5301 smtp sent incident {} to {}", request.incidentId(), request.target());
    return done("e-mailed " + request.target() + ": " + subject(notification));
  }

  private MimeMessage message(Notification notification, InternetAddress[] to) {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(settings.from()));
      message.setRecipients(Message.RecipientType.TO, to);
      message.setSubject(subject(notification), StandardCharsets.UTF_8.name());
      // SMTPTransport adds no Date header; without one clients sort and show the mail oddly.
      message.setSentDate(new java.util.Date());
      MimeBodyPart text = new MimeBodyPart();
      text.setText(NotificationTemplates.render("email.txt", notification), "UTF-8", "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(NotificationTemplates.render("email.html", notification), "UTF-8", "html");
      // Plain text first: clients show the last alternative they can render.
      MimeMultipart alternative = new MimeMultipart("alternative", text, html);
      message.setContent(alternative);
      message.saveChanges();
      return message;
    } catch (MessagingException e) {
      throw failure(FailureKind.REJECTED, "cannot build the message: " + e.getMessage(), e);
    }
  }

  private static String subject(Notification notification) {
    return NotificationTemplates.render("email.subject", notification).strip();
  }

  private InternetAddress[] recipients(String target) {
    try {
      InternetAddress[] to = InternetAddress.parse(target, true);
      if (to.length == 0) {
        throw failure(FailureKind.REJECTED, "no recipient in '" + target + "'", null);
      }
      return to;
    } catch (AddressException e) {
      throw failure(
          FailureKind.REJECTED,
          "'" + target + "' is not a list of e-mail addresses: " + e.getMessage(),
          e);
    }
  }

  private static FailureKind kind(MessagingException e) {
    Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
    if (cause instanceof SocketTimeoutException) {
      return FailureKind.TIMEOUT;
    }
    if (cause instanceof ConnectException) {
      return FailureKind.UNREACHABLE;
    }
    // 5xx SMTP replies are permanent, 4xx transient (RFC 5321 section 4.2.1).
    String message = String.valueOf(e.getMessage());
    return message.matches("(?s)^5\\d\\d.*") ? FailureKind.REJECTED : FailureKind.SERVER_ERROR;
  }

  private String password() {
    return settings.password() == null || settings.password().isEmpty()
        ? null
        : settings.password().reveal();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static ConnectorFailure failure(FailureKind kind, String message, Exception cause) {
    return new ConnectorFailure(SmtpSettings.PROVIDER, kind, message, null, cause);
  }

  @Override
  public void probe() {
    if (dryRun()) {
      return;
    }
    try (Transport transport = session.getTransport()) {
      transport.connect(
          settings.host(), settings.port(), blankToNull(settings.username()), password());
    } catch (AuthenticationFailedException e) {
      throw failure(FailureKind.UNAUTHORIZED, "login as " + settings.username() + " refused", e);
    } catch (MessagingException e) {
      throw failure(kind(e), "cannot connect to " + settings.host() + ":" + settings.port(), e);
    }
  }

  private static Properties properties(SmtpSettings settings) {
    Properties p = new Properties();
    String protocol = settings.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
    String timeout = Long.toString(settings.policy().timeout().toMillis());
    p.put("mail.transport.protocol", protocol);
    p.put("mail." + protocol + ".connectiontimeout", timeout);
    p.put("mail." + protocol + ".timeout", timeout);
    p.put("mail." + protocol + ".writetimeout", timeout);
    p.put(
        "mail." + protocol + ".auth",
        Boolean.toString(settings.username() != null && !settings.username().isBlank()));
    if (settings.security() == SmtpSettings.Security.STARTTLS) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    return p;
  }
}
