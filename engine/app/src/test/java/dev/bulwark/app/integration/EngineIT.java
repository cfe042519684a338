package dev.bulwark.app.integration;

import dev.bulwark.app.BulwarkApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole engine on a random port with an in-memory H2, shared by the integration tests that use
 * this annotation (Spring caches the context). Tests keep apart by using their own user names.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = BulwarkApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:bulwark-it;DB_CLOSE_DELAY=-1",
      "bulwark.processor.poll-interval=200ms",
      "bulwark.security.webhook-secrets.test-siem=" + EngineIT.WEBHOOK_SECRET
    })
public @interface EngineIT {

  /** The shared secret of the webhook source {@code test-siem} in the shared context. */
  String WEBHOOK_SECRET = "it-webhook-secret";
}
