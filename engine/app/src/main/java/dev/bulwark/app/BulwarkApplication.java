package dev.bulwark.app;

import dev.bulwark.app.rules.RulesCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Bulwark: alerts in, rules correlate, playbooks contain. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BulwarkApplication {

  public static void main(String[] args) {
    if (RulesCommandLine.wants(args)) {
      System.exit(RulesCommandLine.run(args, System.out));
    }
    SpringApplication.run(BulwarkApplication.class, args);
  }
}
