package dev.bulwark.workflows;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** The process variables that carry an approval through a playbook, and their values. */
final class ApprovalState {

  /** Variable: where the approval stands, one of the constants below. */
  static final String STATE = "approvalState";

  /** No action of this playbook needs an approver. */
  static final String NOT_NEEDED = "not_needed";

  static final String PENDING = "pending";
  static final String APPROVED = "approved";
  static final String REJECTED = "rejected";

  /** Variable: comma-separated actions that run without an approver. */
  static final String AUTO_ACTIONS = "autoActions";

  /** Variable: comma-separated actions that wait for the approval. */
  static final String GATED_ACTIONS = "gatedActions";

  /** Variable: how many distinct approvers the gated actions need (the most any of them needs). */
  static final String REQUIRED = "approvalsRequired";

  /** Variable: comma-separated distinct users who approved so far. */
  static final String APPROVERS = "approvers";

  /** Variable: {@code approve} or {@code reject}, what the final deadline decides. */
  static final String ON_TIMEOUT = "onTimeout";

  /** Variable: true once the approval was escalated to soc-leads. */
  static final String ESCALATED = "escalated";

  private ApprovalState() {}

  static Set<String> split(Object value) {
    Set<String> items = new LinkedHashSet<>();
    if (value != null) {
      Arrays.stream(value.toString().split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(items::add);
    }
    return items;
  }
}
