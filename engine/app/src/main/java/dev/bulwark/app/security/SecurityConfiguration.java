package dev.bulwark.app.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.bulwark.app.config.BulwarkProperties;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what. Every request is authenticated by one of: HTTP Basic (local users), a bearer
 * JWT from the OIDC provider (when configured), an intake key, or a signed webhook; then its role
 * decides. Anything not listed here is refused, so a new endpoint is closed until it is placed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
  static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";

  @Bean
  static RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.fromHierarchy(Roles.HIERARCHY);
  }

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      ApiKeyStore keys,
      WebhookSignatures signatures,
      BulwarkProperties bulwark,
      SecurityProperties security,
      ObjectProvider<JwtDecoder> jwt,
      ApplicationEventPublisher events,
      Environment environment)
      throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(basic -> basic.authenticationEntryPoint(ProblemEntryPoints.UNAUTHORIZED))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(ProblemEntryPoints.UNAUTHORIZED)
                    .accessDeniedHandler(ProblemEntryPoints.FORBIDDEN))
        .addFilterBefore(
            new WebhookSignatureFilter(signatures, bulwark.getIntake().getMaxBodyBytes(), events),
            BasicAuthenticationFilter.class)
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(keys, events), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/", "/error", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    // The webapps log in against Camunda's identity store and check Camunda's
                    // authorizations (switched on) for every call; see CamundaIdentitySeed.
                    .requestMatchers("/camunda/**")
                    .permitAll()
                    .requestMatchers(POST, "/api/v1/alerts")
                    .hasRole(Roles.INTAKE)
                    .requestMatchers("/api/v1/api-keys/**", "/api/v1/audit/**")
                    .hasRole(Roles.ADMIN)
                    // A signed approval link is its own credential: single use, expiring, and
                    // bound to the analyst it was sent to.
                    .requestMatchers("/api/v1/approvals/links/**")
                    .permitAll()
                    .requestMatchers(
                        GET, "/api/v1/rules/**", "/api/v1/playbooks/**", "/api/v1/policies/**")
                    .hasRole(Roles.VIEWER)
                    .requestMatchers(
                        "/api/v1/rules/**",
                        "/api/v1/playbooks/**",
                        "/api/v1/policies/**",
                        "/api/v1/connectors/**",
                        "/api/v1/settings/**")
                    .hasRole(Roles.ADMIN)
                    // The workforce and network lists are reference data the rules trust: an
                    // admin's to change.
                    .requestMatchers(PUT, "/api/v1/identities")
                    .hasRole(Roles.ADMIN)
                    .requestMatchers(GET, "/api/v1/reference/**")
                    .hasRole(Roles.VIEWER)
                    .requestMatchers("/api/v1/reference/**")
                    .hasRole(Roles.ADMIN)
                    .requestMatchers(GET, "/api/**")
                    .hasRole(Roles.VIEWER)
                    .requestMatchers("/api/**")
                    .hasRole(Roles.ANALYST)
                    .requestMatchers(GET, "/engine-rest/**")
                    .hasRole(Roles.VIEWER)
                    .requestMatchers("/engine-rest/**")
                    .hasRole(Roles.ANALYST)
                    .requestMatchers("/actuator/**")
                    .hasRole(Roles.ADMIN)
                    .anyRequest()
                    .denyAll());
    if (jwt.getIfAvailable() != null) {
      warnWithoutAudience(environment);
      http.oauth2ResourceServer(
          oauth ->
              oauth
                  .authenticationEntryPoint(ProblemEntryPoints.UNAUTHORIZED)
                  .jwt(j -> j.jwtAuthenticationConverter(new OidcRoles(security.getOidc()))));
    }
    return http.build();
  }

  /**
   * Without an audience check, any token the realm issues for any of its applications carries the
   * same realm roles and would be accepted here: the audience names Bulwark as the token's
   * recipient (ADR 0701).
   */
  private static void warnWithoutAudience(Environment environment) {
    List<String> audiences =
        Binder.get(environment).bind(AUDIENCES, Bindable.listOf(String.class)).orElse(List.of());
    if (audiences.isEmpty()) {
      log.warn(
          "BULWARK-7004 bearer tokens are accepted for any audience: set {} to the client id(s)"
              + " Bulwark's tokens are issued for, or a token the provider issued to another"
              + " application of the realm is accepted here too",
          AUDIENCES);
    }
  }

  /**
   * Expired and not-yet-valid tokens are refused within this skew; Spring's own check (a minute)
   * stays, so the setting can only tighten it.
   */
  @Bean
  OAuth2TokenValidator<Jwt> tokenLifetime(SecurityProperties security) {
    return new JwtTimestampValidator(security.getOidc().getClockSkew());
  }

  @Bean
  static PasswordEncoder passwordEncoder() {
    DelegatingPasswordEncoder encoder =
        (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
    return encoder;
  }

  @Bean
  UserDetailsService localUsers(SecurityProperties security) {
    List<org.springframework.security.core.userdetails.UserDetails> users =
        security.getUsers().stream()
            .map(
                u ->
                    User.withUsername(u.getName())
                        .password(encoded(u.getPassword()))
                        .roles(u.getRoles().toArray(String[]::new))
                        .build())
            .toList();
    return new InMemoryUserDetailsManager(users);
  }

  /** A password written plainly in configuration (the embedded defaults) is compared as is. */
  private static String encoded(String password) {
    return password.startsWith("{") ? password : "{noop}" + password;
  }

  @Bean
  WebhookSignatures webhookSignatures(SecurityProperties security, Clock clock) {
    return new WebhookSignatures(
        security.getWebhookSecrets(), security.getWebhookReplayWindow(), clock);
  }

  /**
   * Camunda's REST API checks its own authorizations against the user Spring Security
   * authenticated, in the Camunda groups that user's roles map to.
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> camundaRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(
        "authentication-provider", CamundaRestAuthenticationProvider.class.getName());
    registration.setName("camunda-rest-authentication");
    return registration;
  }
}
