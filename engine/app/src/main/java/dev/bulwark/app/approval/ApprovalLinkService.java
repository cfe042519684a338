package dev.bulwark.app.approval;

import dev.bulwark.app.approval.ApprovalLinks.InvalidLinkException;
import dev.bulwark.app.approval.ApprovalLinks.Link;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Deciding through a signed link: once per link, as the user it was sent to, channel "link". */
@Service
class ApprovalLinkService {

  private final ApprovalLinks links;
  private final ApprovalService approvals;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  ApprovalLinkService(
      ApprovalLinks links, ApprovalService approvals, JdbcTemplate jdbc, Clock clock) {
    this.links = links;
    this.approvals = approvals;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Link inspect(String token) {
    Link link = links.verify(token);
    if (used(link)) {
      throw new InvalidLinkException(true, "the approval link was already used");
    }
    return link;
  }

  /** The nonce and the task completion commit together: a refused decision leaves the link. */
  @Transactional
  ApprovalService.Decided decide(String token, String comment) {
    Link link = links.verify(token);
    try {
      jdbc.update(
          "INSERT INTO approval_link_use (nonce, task_id, used_by, used_at) VALUES (?, ?, ?, ?)",
          link.nonce(),
          link.taskId(),
          link.user(),
          Timestamp.from(clock.instant()));
    } catch (DuplicateKeyException e) {
      throw new InvalidLinkException(true, "the approval link was already used");
    }
    return approvals.decide(
        link.taskId(),
        link.decision(),
        comment,
        link.user(),
        approvals.groupsOf(link.user()),
        "link");
  }

  private boolean used(Link link) {
    Integer count =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM approval_link_use WHERE nonce = ?", Integer.class, link.nonce());
    return count != null && count > 0;
  }
}
