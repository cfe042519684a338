package dev.bulwark.app.playbook;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the approval groups the playbooks name, and the embedded default analysts, in Camunda's
 * identity store, so a first-time user can log into the Tasklist and see waiting approvals.
 */
@Component
class CamundaIdentitySeed {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaIdentitySeed.class);

  private final IdentityService identity;

  CamundaIdentitySeed(IdentityService identity) {
    this.identity = identity;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void seed() {
    group("soc-analysts", "SOC analysts");
    group("soc-leads", "SOC leads");
    for (String name : List.of("analyst", "analyst2")) {
      if (identity.createUserQuery().userId(name).count() == 0) {
        User user = identity.newUser(name);
        user.setFirstName(name);
        user.setLastName("(embedded default)");
        user.setPassword(name);
        identity.saveUser(user);
        identity.createMembership(name, "soc-analysts");
        LOG.warn(
            "BULWARK-0301 created embedded default analyst '{}' with password '{}' in Camunda;"
                + " change it before real use",
            name,
            name);
      }
    }
    if (identity.createUserQuery().userId("admin").count() > 0
        && identity.createUserQuery().userId("admin").memberOfGroup("soc-leads").count() == 0) {
      identity.createMembership("admin", "soc-leads");
    }
  }

  private void group(String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
  }
}
