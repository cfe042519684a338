package dev.bulwark.app.audit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link WebappLoginAudit} in front of the Camunda webapps' login resource only. */
@Configuration(proxyBeanMethods = false)
class WebappLoginAuditConfiguration {

  @Bean
  FilterRegistrationBean<WebappLoginAudit> webappLoginAudit(
      LoginAudit logins,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String applicationPath) {
    FilterRegistrationBean<WebappLoginAudit> registration =
        new FilterRegistrationBean<>(new WebappLoginAudit(logins));
    registration.addUrlPatterns(applicationPath + "/api/admin/auth/user/*");
    registration.setName("bulwark-webapp-login-audit");
    // Before anything that might parse the form and so consume the body, and after the filter
    // that exposes the request to AuditContext (-105).
    registration.setOrder(-104);
    return registration;
  }
}
