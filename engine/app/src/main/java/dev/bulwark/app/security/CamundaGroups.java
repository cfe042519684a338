package dev.bulwark.app.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The Camunda groups of an authenticated caller, from its roles and the roles they include. */
public final class CamundaGroups {

  private CamundaGroups() {}

  public static List<String> of(Authentication authentication) {
    return of(authentication.getAuthorities());
  }

  static List<String> of(Collection<? extends GrantedAuthority> authorities) {
    Set<String> groups = new LinkedHashSet<>();
    for (GrantedAuthority authority :
        SecurityConfiguration.roleHierarchy().getReachableGrantedAuthorities(authorities)) {
      String name = authority.getAuthority();
      if (name.startsWith("ROLE_")) {
        String role = name.substring("ROLE_".length());
        if (Roles.ALL.contains(role)) {
          groups.add(Roles.camundaGroup(role));
          if (role.equals(Roles.ADMIN)) {
            groups.add("soc-leads");
          }
        }
      }
    }
    return List.copyOf(groups);
  }
}
