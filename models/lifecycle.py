"""The case lifecycle as an explicit state machine.

It follows the seeds' 办理流程 申请 → 受理 → 审核 → (拨付) → 办结 (003, every item's
(十二)办理流程), with 不予受理 (with reasons), 退回补正 (materials missing, 一次性告知),
容缺受理, 撤回, and 转报 to the next level when this station may only accept
(003 受理层级: "村(社区)级受理权 … 乡镇(街道)、村(社区)级权限仅线下").

This module is pure: it says which action is legal from which state and what it needs.
models/cases.py applies it to the database and records the event.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from models.errors import IllegalTransition


class CaseState(enum.StrEnum):
    DRAFT = "草稿"  # 申请: intake in progress, autosaved
    SUPPLEMENT = "退回补正"  # materials missing; 一次性告知书 issued
    ACCEPTED = "已受理"  # 受理 (possibly 容缺受理)
    FORWARDED = "已转报"  # accepted here, forwarded to the level that approves
    APPROVED = "审核通过"  # 审核
    REVIEW_REJECTED = "审核不通过"
    PAID = "已拨付"  # 拨付 (reimbursement, maternity, assistance)
    COMPLETED = "已办结"  # 办结
    REFUSED = "不予受理"
    WITHDRAWN = "已撤回"

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATES

    @property
    def is_open(self) -> bool:
        return not self.is_final


FINAL_STATES = frozenset({CaseState.COMPLETED, CaseState.REVIEW_REJECTED, CaseState.REFUSED, CaseState.WITHDRAWN})


class Action(enum.StrEnum):
    ACCEPT = "accept"  # 受理
    RETURN_FOR_SUPPLEMENT = "return_for_supplement"  # 退回补正 (一次性告知)
    REFUSE = "refuse"  # 不予受理
    WITHDRAW = "withdraw"  # 撤回
    FORWARD = "forward"  # 转报上级
    APPROVE = "approve"  # 审核通过
    REJECT = "reject"  # 审核不通过
    PAY = "pay"  # 拨付
    COMPLETE = "complete"  # 办结
    SUPPLY_DEFICIENCY = "supply_deficiency"  # 容缺材料补齐 (state unchanged)


@dataclass(frozen=True)
class Rule:
    sources: frozenset[CaseState]
    target: CaseState | None  # None: the state does not change (an event only)
    needs_reason: bool = False
    label: str = ""


S = CaseState
RULES: dict[Action, Rule] = {
    Action.ACCEPT: Rule(frozenset({S.DRAFT, S.SUPPLEMENT}), S.ACCEPTED, label="受理"),
    Action.RETURN_FOR_SUPPLEMENT: Rule(
        frozenset({S.DRAFT, S.SUPPLEMENT, S.ACCEPTED}), S.SUPPLEMENT, needs_reason=True, label="退回补正"
    ),
    Action.REFUSE: Rule(frozenset({S.DRAFT, S.SUPPLEMENT}), S.REFUSED, needs_reason=True, label="不予受理"),
    Action.WITHDRAW: Rule(
        frozenset({S.DRAFT, S.SUPPLEMENT, S.ACCEPTED, S.FORWARDED}),
        S.WITHDRAWN,
        needs_reason=True,
        label="撤回",
    ),
    Action.FORWARD: Rule(frozenset({S.ACCEPTED}), S.FORWARDED, label="转报上级"),
    Action.APPROVE: Rule(frozenset({S.ACCEPTED, S.FORWARDED}), S.APPROVED, label="审核通过"),
    Action.REJECT: Rule(frozenset({S.ACCEPTED, S.FORWARDED}), S.REVIEW_REJECTED, needs_reason=True, label="审核不通过"),
    Action.PAY: Rule(frozenset({S.APPROVED}), S.PAID, label="拨付"),
    Action.COMPLETE: Rule(frozenset({S.APPROVED, S.PAID}), S.COMPLETED, label="办结"),
    Action.SUPPLY_DEFICIENCY: Rule(frozenset({S.ACCEPTED, S.FORWARDED}), None, label="容缺材料补齐"),
}


def allowed_actions(state: CaseState) -> list[Action]:
    return [action for action, rule in RULES.items() if state in rule.sources]


def next_state(state: CaseState, action: Action, reason: str | None = None) -> CaseState:
    """The state after ``action``; raises IllegalTransition with a code the GUI can translate."""
    rule = RULES[action]
    if state not in rule.sources:
        raise IllegalTransition("case.illegal_transition", state=state.value, action=rule.label or action.value)
    if rule.needs_reason and not (reason and reason.strip()):
        raise IllegalTransition("case.reason_required", action=rule.label)
    return rule.target if rule.target is not None else state
