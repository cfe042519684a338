package dev.bulwark.app.playbook;

import dev.bulwark.app.security.Roles;
import dev.bulwark.app.security.SecurityProperties;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Mirrors Bulwark's roles into Camunda, whose authorization checks are on: one group per role
 * (ADMIN is Camunda's {@code camunda-admin}, ANALYST is {@code soc-analysts}, the group approval
 * tasks name, VIEWER is {@code bulwark-viewers}), each with the authorizations its role needs in
 * the REST API and the webapps, and the local users of {@code bulwark.security.users} as members.
 */
@Component
class CamundaIdentitySeed {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaIdentitySeed.class);

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final SecurityProperties security;

  CamundaIdentitySeed(
      IdentityService identity, AuthorizationService authorizations, SecurityProperties security) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.security = security;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void seed() {
    group(Groups.CAMUNDA_ADMIN, "Bulwark admins");
    group("soc-analysts", "SOC analysts");
    group("soc-leads", "SOC leads");
    group("bulwark-viewers", "Bulwark viewers");
    // Camunda's admin group is not all-powerful by itself: it needs ALL on every resource, as
    // Camunda's own admin-user set-up grants.
    for (Resources resource : Resources.values()) {
      grant(Groups.CAMUNDA_ADMIN, resource, "*", Permissions.ALL);
    }
    for (String group : List.of("soc-analysts", "soc-leads")) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      grant(
          group,
          Resources.TASK,
          "*",
          Permissions.READ,
          Permissions.UPDATE,
          TaskPermissions.TASK_WORK);
      grant(
          group,
          Resources.PROCESS_DEFINITION,
          "*",
          Permissions.READ,
          ProcessDefinitionPermissions.READ_TASK,
          ProcessDefinitionPermissions.UPDATE_TASK,
          ProcessDefinitionPermissions.READ_INSTANCE,
          ProcessDefinitionPermissions.READ_HISTORY);
      grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
    }
    grant("bulwark-viewers", Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(
        "bulwark-viewers",
        Resources.PROCESS_DEFINITION,
        "*",
        Permissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant("bulwark-viewers", Resources.PROCESS_INSTANCE, "*", Permissions.READ);
    grant("bulwark-viewers", Resources.TASK, "*", Permissions.READ);
    boolean anyAdmin = false;
    for (SecurityProperties.LocalUser local : security.getUsers()) {
      user(local);
      anyAdmin |= local.getRoles().contains(Roles.ADMIN);
    }
    if (!anyAdmin) {
      lockCamundaSetup();
    }
  }

  private void user(SecurityProperties.LocalUser local) {
    String password = local.getPassword() == null ? "" : local.getPassword();
    if (identity.createUserQuery().userId(local.getName()).count() == 0) {
      User user = identity.newUser(local.getName());
      user.setFirstName(local.getName());
      user.setLastName("(Bulwark local user)");
      // The webapps check passwords themselves; an encoded password cannot be handed over, so
      // such a user signs in to the API only.
      user.setPassword(password.startsWith("{") ? randomSecret() : password);
      identity.saveUser(user);
      LOG.info(
          "BULWARK-7010 created Camunda user '{}' for roles {}", local.getName(), local.getRoles());
    }
    for (String role : local.getRoles()) {
      List<String> groups =
          role.equals(Roles.ADMIN)
              ? List.of(Groups.CAMUNDA_ADMIN, "soc-leads")
              : List.of(Roles.camundaGroup(role));
      for (String group : groups) {
        if (identity.createUserQuery().userId(local.getName()).memberOfGroup(group).count() == 0) {
          identity.createMembership(local.getName(), group);
        }
      }
    }
  }

  /**
   * With no admin in Camunda, its webapp offers anyone a page to create the first admin. A member
   * of camunda-admin with a random password that nobody knows closes that page.
   */
  private void lockCamundaSetup() {
    String id = "bulwark-setup-lock";
    if (identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword(randomSecret());
      identity.saveUser(user);
      identity.createMembership(id, Groups.CAMUNDA_ADMIN);
    }
  }

  private void grant(
      String group, Resource resource, String resourceId, Permission... permissions) {
    if (authorizations
            .createAuthorizationQuery()
            .groupIdIn(group)
            .resourceType(resource)
            .resourceId(resourceId)
            .count()
        > 0) {
      return;
    }
    Authorization authorization =
        authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setGroupId(group);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }

  private void group(String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
