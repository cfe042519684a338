package dev.bulwark.connectors.integration;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged while a test class runs (every logger, every level, stack traces
 * included) and fails the class if any of the given secrets appears in it.
 */
final class NoSecretsInLogs implements BeforeAllCallback, AfterAllCallback {

  private final List<String> secrets;
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

  NoSecretsInLogs(String... secrets) {
    this.secrets = List.of(secrets);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    captured.start();
    root.addAppender(captured);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(captured);
    root.setLevel(ch.qos.logback.classic.Level.INFO);
    StringBuilder all = new StringBuilder();
    for (ILoggingEvent event : captured.list) {
      all.append(event.getFormattedMessage()).append('\n');
      if (event.getThrowableProxy() != null) {
        all.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
      }
    }
    assertThat(captured.list).as("the test class logged something to scan").isNotEmpty();
    for (String secret : secrets) {
      assertThat(all.toString()).as("captured logs").doesNotContain(secret);
    }
  }
}
