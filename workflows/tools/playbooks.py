"""Generates the three containment playbooks from one shape, then lays them out for Camunda Modeler.

The playbooks share their approval, rollback and failure handling and differ in their actions, so
they are written once here instead of three times by hand. Run it after changing the shape:

    python3 workflows/tools/playbooks.py && node workflows/tools/layout.mjs

Small edits (a timer, a label) can also be made in Camunda Modeler directly; rerunning this script
overwrites them.
"""
from xml.sax.saxutils import escape
import os

RETRY = "PT10S,PT1M,PT5M"  # three retries with growing back-off, then a Camunda incident
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "bpmn")

# task id -> (name, delegate bean, ActionType, inputs, compensable)
TASKS = {
    "revoke_sessions": ("Revoke sessions and tokens", "revokeSessionsDelegate", "REVOKE_SESSIONS", {}, True),
    "disable_account": ("Disable account", "disableAccountDelegate", "DISABLE_ACCOUNT", {}, True),
    "remove_mfa": ("Remove MFA methods registered in the incident window", "removeMfaDelegate", "REMOVE_MFA", {}, True),
    "isolate_host": ("Isolate host", "isolateHostDelegate", "ISOLATE_HOST", {}, True),
    "notify_security": ("Notify security", "notifyStakeholdersDelegate", "NOTIFY", {"notifyTo": "security"}, False),
    "notify_stakeholders": ("Notify security, HR, legal and the manager", "notifyStakeholdersDelegate", "NOTIFY",
                            {"notifyTo": "security,hr,legal,manager-of:${user}"}, False),
    "open_ticket": ("Open a ticket", "openTicketDelegate", "OPEN_TICKET", {"ticketQueue": "SOC"}, False),
    "record_evidence": ("Record evidence", "recordEvidenceDelegate", "RECORD_EVIDENCE", {}, False),
}

PLAYBOOKS = {
    "contain_compromised_account": (
        "Contain a compromised account",
        "Sessions revoked then the account disabled, the host isolated and security notified.",
        [["revoke_sessions", "disable_account"], ["isolate_host"], ["notify_security"]],
        "security",
    ),
    "contain_host": (
        "Contain a host",
        "The host isolated, security notified and a ticket opened.",
        [["isolate_host"], ["notify_security"], ["open_ticket"]],
        "security",
    ),
    "contain_remote_worker": (
        "Contain a fraudulent remote IT worker",
        "Sessions and tokens revoked, then the account disabled (in that order, so the operative is"
        " not tipped off by a failing session), MFA methods registered in the incident window removed,"
        " the host isolated; security, HR, legal and the manager notified; a ticket opened; the"
        " evidence recorded.",
        [["revoke_sessions", "disable_account", "remove_mfa"], ["isolate_host"], ["notify_stakeholders"],
         ["open_ticket"], ["record_evidence"]],
        "security,hr,legal,manager-of:${user}",
    ),
}


class Doc:
    def __init__(self):
        self.parts = []
        self.flows = 0

    def add(self, text):
        self.parts.append(text)

    def flow(self, source, target, condition=None, fid=None, name=None):
        self.flows += 1
        fid = fid or f"flow_{self.flows}"
        attrs = f'id="{fid}" sourceRef="{source}" targetRef="{target}"'
        if name:
            attrs += f' name="{escape(name)}"'
        if condition:
            self.add(f'    <bpmn:sequenceFlow {attrs}>\n      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">'
                     f'{escape(condition)}</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>')
        else:
            self.add(f"    <bpmn:sequenceFlow {attrs} />")
        return fid


def end_listener(outcome):
    return ('<camunda:properties><camunda:property name="outcome" value="%s" /></camunda:properties>'
            '<camunda:executionListener delegateExpression="${playbookEndListener}" event="end" />' % outcome)


def action_task(doc, tid, pid):
    name, bean, action, inputs, _ = TASKS[tid]
    params = "".join(f'<camunda:inputParameter name="{k}">{escape(v)}</camunda:inputParameter>' for k, v in inputs.items())
    io = f"<camunda:inputOutput>{params}</camunda:inputOutput>" if params else ""
    doc.add(f'    <bpmn:serviceTask id="{tid}" name="{escape(name)}" camunda:asyncBefore="true" '
            f'camunda:delegateExpression="${{{bean}}}">\n'
            f'      <bpmn:extensionElements><camunda:failedJobRetryTimeCycle>{RETRY}</camunda:failedJobRetryTimeCycle>{io}'
            f'</bpmn:extensionElements>\n    </bpmn:serviceTask>')


def compensation(doc, tid):
    name, _, action, _, compensable = TASKS[tid]
    if not compensable:
        return
    doc.add(f'    <bpmn:boundaryEvent id="{tid}_compensation" attachedToRef="{tid}">\n'
            f'      <bpmn:compensateEventDefinition id="{tid}_compensation_def" />\n    </bpmn:boundaryEvent>')
    doc.add(f'    <bpmn:serviceTask id="undo_{tid}" name="Undo: {escape(name.lower())}" isForCompensation="true" '
            f'camunda:delegateExpression="${{undoActionDelegate}}">\n'
            f'      <bpmn:extensionElements><camunda:properties><camunda:property name="action" value="{action}" />'
            f'</camunda:properties></bpmn:extensionElements>\n    </bpmn:serviceTask>')
    doc.add(f'    <bpmn:association id="{tid}_compensation_assoc" associationDirection="One" '
            f'sourceRef="{tid}_compensation" targetRef="undo_{tid}" />')


def rollback(doc, prefix, outcome_id, notify_to):
    """Compensation (undo what was done, latest first), then tell the same people, then end."""
    doc.add(f'    <bpmn:intermediateThrowEvent id="{prefix}undo" name="Undo the containment" camunda:asyncBefore="true">\n'
            f'      <bpmn:extensionElements><camunda:failedJobRetryTimeCycle>{RETRY}</camunda:failedJobRetryTimeCycle></bpmn:extensionElements>\n'
            f'      <bpmn:compensateEventDefinition id="{prefix}undo_def" waitForCompletion="true" />\n'
            f'    </bpmn:intermediateThrowEvent>')
    doc.add(f'    <bpmn:serviceTask id="{prefix}notify_rollback" name="Tell the same people it was undone" '
            f'camunda:asyncBefore="true" camunda:delegateExpression="${{rollbackNotifyDelegate}}">\n'
            f'      <bpmn:extensionElements><camunda:failedJobRetryTimeCycle>{RETRY}</camunda:failedJobRetryTimeCycle>'
            f'<camunda:inputOutput><camunda:inputParameter name="notifyTo">{escape(notify_to)}</camunda:inputParameter>'
            f'</camunda:inputOutput></bpmn:extensionElements>\n    </bpmn:serviceTask>')
    doc.add(f'    <bpmn:endEvent id="{outcome_id}" name="Rolled back: false positive">\n'
            f'      <bpmn:extensionElements>{end_listener("rolled_back")}</bpmn:extensionElements>\n    </bpmn:endEvent>')
    doc.flow(f"{prefix}undo", f"{prefix}notify_rollback")
    doc.flow(f"{prefix}notify_rollback", outcome_id)


def playbook(pid, name, doc_text, branches, notify_to):
    actions = []
    for branch in branches:
        for tid in branch:
            if TASKS[tid][2] not in actions:
                actions.append(TASKS[tid][2])
    d = Doc()
    d.add(f'  <bpmn:process id="{pid}" name="{escape(name)}" isExecutable="true" camunda:historyTimeToLive="P180D">')
    d.add(f"    <bpmn:documentation>{escape(doc_text)} The approval policy (DMN approval_policy) decides per action"
          " whether it runs at once, needs one approver or two; actions that need none run first, the others after"
          " the approval. Every action is its own async job, idempotent through the action ledger and retried with"
          " back-off. Marking the incident a false positive undoes what was done, latest first.</bpmn:documentation>")
    d.add('    <bpmn:startEvent id="incident_opened" name="Incident opened" />')
    d.add('    <bpmn:serviceTask id="decide_policy" name="Decide approvals (DMN approval_policy)" '
          'camunda:delegateExpression="${approvalPolicyDelegate}">\n'
          f'      <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="playbookActions">{",".join(actions)}'
          '</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>\n    </bpmn:serviceTask>')
    d.add('    <bpmn:exclusiveGateway id="contain_merge" />')
    d.add('    <bpmn:parallelGateway id="contain_split" name="Act" />')
    d.add('    <bpmn:parallelGateway id="contain_join" />')
    d.flow("incident_opened", "decide_policy")
    d.flow("decide_policy", "contain_merge")
    d.flow("contain_merge", "contain_split")
    for branch in branches:
        previous = "contain_split"
        for tid in branch:
            action_task(d, tid, pid)
            compensation(d, tid)
            d.flow(previous, tid)
            previous = tid
        d.flow(previous, "contain_join")
    d.add('    <bpmn:exclusiveGateway id="awaiting_approval" name="Actions waiting for approval?" default="to_contained" />')
    d.flow("contain_join", "awaiting_approval")
    d.flow("awaiting_approval", "approval", "${approvalState == 'pending'}", name="yes")
    d.flow("awaiting_approval", "contained", fid="to_contained", name="no")

    # The approval: one or two distinct approvers, escalation, final deadline.
    d.add('    <bpmn:subProcess id="approval" name="Approval">')
    d.add('    <bpmn:startEvent id="approval_started" />')
    d.add('    <bpmn:exclusiveGateway id="approval_merge" />')
    d.add('    <bpmn:userTask id="approve_containment" name="Approve containment" camunda:candidateGroups="soc-analysts" '
          'camunda:dueDate="${approvalDue}">\n'
          '      <bpmn:documentation>Approve the actions listed in gatedActions for this incident? Two-person rule when'
          ' approvalsRequired is 2: two distinct approvers, neither the requester nor the identity contained.</bpmn:documentation>\n'
          '      <bpmn:extensionElements>\n'
          '        <camunda:formData>\n'
          '          <camunda:formField id="approved" label="Approve containment" type="boolean" />\n'
          '          <camunda:formField id="approvalComment" label="Comment" type="string" />\n'
          '        </camunda:formData>\n'
          '        <camunda:taskListener delegateExpression="${approvalTaskCreated}" event="create" />\n'
          '        <camunda:taskListener delegateExpression="${approvalRecorder}" event="complete" />\n'
          '      </bpmn:extensionElements>\n    </bpmn:userTask>')
    d.add('    <bpmn:exclusiveGateway id="approvals_enough" name="Decided?" default="decided" />')
    d.add('    <bpmn:endEvent id="approval_done" />')
    d.flow("approval_started", "approval_merge")
    d.flow("approval_merge", "approve_containment")
    d.flow("approve_containment", "approvals_enough")
    d.flow("approvals_enough", "approval_merge", "${approvalState == 'pending'}", name="another approver needed")
    d.flow("approvals_enough", "approval_done", fid="decided")
    d.add('    </bpmn:subProcess>')
    d.add('    <bpmn:boundaryEvent id="escalation_due" name="Escalate after" cancelActivity="false" attachedToRef="approval">\n'
          '      <bpmn:timerEventDefinition id="escalation_due_def"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">'
          '${escalateAfter}</bpmn:timeDuration></bpmn:timerEventDefinition>\n    </bpmn:boundaryEvent>')
    d.add('    <bpmn:serviceTask id="escalate_approval" name="Notify on-call, raise to soc-leads" camunda:asyncBefore="true" '
          'camunda:delegateExpression="${approvalEscalationDelegate}">\n'
          f'      <bpmn:extensionElements><camunda:failedJobRetryTimeCycle>{RETRY}</camunda:failedJobRetryTimeCycle></bpmn:extensionElements>\n'
          '    </bpmn:serviceTask>')
    d.add('    <bpmn:endEvent id="escalated" />')
    d.flow("escalation_due", "escalate_approval")
    d.flow("escalate_approval", "escalated")
    d.add('    <bpmn:boundaryEvent id="decision_deadline" name="Final deadline" attachedToRef="approval">\n'
          '      <bpmn:timerEventDefinition id="decision_deadline_def"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">'
          '${decideWithin}</bpmn:timeDuration></bpmn:timerEventDefinition>\n    </bpmn:boundaryEvent>')
    d.add('    <bpmn:serviceTask id="apply_policy_default" name="Apply the policy default" '
          'camunda:delegateExpression="${approvalTimeoutDelegate}" />')
    d.add('    <bpmn:exclusiveGateway id="approval_outcome" name="Approved?" default="to_rejected" />')
    d.flow("decision_deadline", "apply_policy_default")
    d.flow("apply_policy_default", "approval_outcome")
    d.flow("approval", "approval_outcome")
    d.flow("approval_outcome", "contain_merge", "${approvalState == 'approved'}", name="approved")
    d.flow("approval_outcome", "rejected", fid="to_rejected", name="rejected")
    d.add(f'    <bpmn:endEvent id="rejected" name="Containment rejected">\n'
          f'      <bpmn:extensionElements>{end_listener("rejected")}</bpmn:extensionElements>\n    </bpmn:endEvent>')

    # Contained: stays open for the rollback window, where an analyst may call it a false positive.
    d.add(f'    <bpmn:intermediateThrowEvent id="contained" name="Contained">\n'
          f'      <bpmn:extensionElements>{end_listener("contained")}</bpmn:extensionElements>\n    </bpmn:intermediateThrowEvent>')
    d.add('    <bpmn:userTask id="review_containment" name="Review containment" camunda:candidateGroups="soc-analysts">\n'
          '      <bpmn:documentation>Tick "false positive" to undo the containment; leave it to confirm.</bpmn:documentation>\n'
          '      <bpmn:extensionElements><camunda:formData>'
          '<camunda:formField id="falsePositive" label="False positive: undo the containment" type="boolean" />'
          '<camunda:formField id="reviewComment" label="Comment" type="string" />'
          '</camunda:formData></bpmn:extensionElements>\n    </bpmn:userTask>')
    d.add('    <bpmn:boundaryEvent id="rollback_window_over" name="Rollback window over" attachedToRef="review_containment">\n'
          '      <bpmn:timerEventDefinition id="rollback_window_over_def"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">'
          '${rollbackWindow}</bpmn:timeDuration></bpmn:timerEventDefinition>\n    </bpmn:boundaryEvent>')
    d.add('    <bpmn:exclusiveGateway id="review_outcome" name="False positive?" default="confirmed_flow" />')
    d.add(f'    <bpmn:endEvent id="closed" name="Containment stands">\n'
          f'      <bpmn:extensionElements>{end_listener("closed")}</bpmn:extensionElements>\n    </bpmn:endEvent>')
    d.flow("contained", "review_containment")
    d.flow("review_containment", "review_outcome")
    d.flow("rollback_window_over", "closed")
    d.flow("review_outcome", "review_undo", "${execution.getVariable('falsePositive') == true}", name="yes")
    d.flow("review_outcome", "closed", fid="confirmed_flow", name="no")
    rollback(d, "review_", "rolled_back_by_review", notify_to)

    # The API's false-positive call: correlates a message, whatever the playbook is doing.
    d.add('    <bpmn:subProcess id="false_positive_reported" name="False positive reported" triggeredByEvent="true">')
    d.add('    <bpmn:startEvent id="false_positive_message" name="False positive">\n'
          '      <bpmn:messageEventDefinition id="false_positive_message_def" messageRef="false_positive" />\n    </bpmn:startEvent>')
    rollback(d, "report_", "rolled_back_on_report", notify_to)
    d.flow("false_positive_message", "report_undo")
    d.add('    </bpmn:subProcess>')
    d.add("  </bpmn:process>")
    return "\n".join(d.parts)


HEAD = '''<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  id="%s_definitions" targetNamespace="https://bulwark.dev/playbooks"
                  exporter="Bulwark workflows/tools/playbooks.py" exporterVersion="0.2">
  <bpmn:message id="false_positive" name="false_positive" />
'''

for pid, (name, text, branches, notify_to) in PLAYBOOKS.items():
    with open(os.path.join(OUT, pid + ".bpmn"), "w") as f:
        f.write(HEAD % pid + playbook(pid, name, text, branches, notify_to) + "\n</bpmn:definitions>\n")
    print("wrote", pid)
