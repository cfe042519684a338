package dev.bulwark.app.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a provider's bearer JWT into a Bulwark caller: the name from {@code preferred_username}
 * (else {@code sub}), the roles from the configured claim (Keycloak realm roles by default).
 */
final class OidcRoles implements Converter<Jwt, AbstractAuthenticationToken> {

  private final SecurityProperties.Oidc oidc;

  OidcRoles(SecurityProperties.Oidc oidc) {
    this.oidc = oidc;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (String providerRole : claim(jwt.getClaims(), oidc.getRolesClaim())) {
      String role = bulwarkRole(providerRole);
      if (role != null) {
        authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
      }
    }
    String name = jwt.getClaimAsString("preferred_username");
    return new JwtAuthenticationToken(jwt, authorities, name != null ? name : jwt.getSubject());
  }

  private String bulwarkRole(String providerRole) {
    String mapped = oidc.getRoleMapping().get(providerRole);
    if (mapped != null) {
      return mapped.toUpperCase(Locale.ROOT);
    }
    String plain = providerRole.toUpperCase(Locale.ROOT);
    if (plain.startsWith("BULWARK-") || plain.startsWith("BULWARK_")) {
      plain = plain.substring("BULWARK-".length());
    }
    return Roles.ALL.contains(plain) ? plain : null;
  }

  /** A claim given as a dotted path into nested objects, read as a list of strings. */
  private static List<String> claim(Map<String, Object> claims, String path) {
    Object value = claims;
    for (String part : path.split("\\.")) {
      if (!(value instanceof Map<?, ?> map)) {
        return List.of();
      }
      value = map.get(part);
    }
    if (value instanceof Collection<?> values) {
      return values.stream().map(String::valueOf).toList();
    }
    return value instanceof String single ? List.of(single) : List.of();
  }
}
