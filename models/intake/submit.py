"""Finishing an intake and the case desk's actions, in the database (Qt-free).

``submit`` accepts a draft after checking the form and the materials: with everything there
the case is 已受理 with its promised date; with something required missing it either becomes
退回补正 (the 一次性告知书 lists every missing material at once) or, where the catalog allows
it and the clerk chose it, is accepted as 容缺受理.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from models import clock, notify
from models import rating as _rating
from models.case_lookup import find_case, material_entries
from models.cases import apply_action, set_fields
from models.catalog import CatalogError, ServiceItem
from models.catalog.for_case import item_for
from models.catalog.local_text import localise
from models.deadlines import load_calendar
from models.enums import StationLevel
from models.errors import IllegalTransition, ValidationError
from models.intake.checklist import deficiency_possible, missing_required
from models.intake.fields import validate_form
from models.intake.service import clerk_by_id, sync_checklist
from models.lifecycle import RULES, Action, CaseState, allowed_actions
from models.masking import mask_phone
from models.orm import Case, CaseEvent, Clerk
from models.permissions import ACTION_PERMISSIONS, clerk_may, roles_of
from models.sms_consent import record_form_consent

RATINGS = _rating.RATINGS


@dataclass(frozen=True)
class SubmitResult:
    case_no: str
    state: str
    promised_date: dt.date | None
    time_limit_text: str
    deficiency: bool
    #: names of the materials still owed (the 一次性告知书 or the 容缺 list)
    missing: tuple[str, ...]
    forwarded_to: str = ""
    #: the PC's clock looked wrong at acceptance: the promised date counts from the best known
    #: date instead (models/clock_guard.py), and the result screen should say so
    clock_suspect: bool = False
    #: 容缺受理: the date the owed materials must be brought by
    deficiency_due: dt.date | None = None
    #: the promised date reaches a year without holiday data: 如遇法定节假日顺延 (issue 18)
    provisional: bool = False
    #: the 消息推送 made for the state reached (models/notify.py): its text, whether the template
    #: was composed here rather than taken from 003, the number it goes to (masked; "" = no consent)
    message: str = ""
    message_composed: bool = False
    message_to: str = ""
    #: the form holds a 联系电话 the applicant may agree to receive 短信 at
    phone_on_form: bool = False
    #: no message could be made: the value missing (``phone``: no 咨询电话 configured for the item)
    message_missing: str = ""

    @property
    def accepted(self) -> bool:
        """Taken in (受理): still open here, forwarded, or finished at the counter."""
        return self.state in (CaseState.ACCEPTED.value, CaseState.FORWARDED.value, CaseState.COMPLETED.value)

    @property
    def finished(self) -> bool:
        """A 即办件 finished (办结) at the counter."""
        return self.state == CaseState.COMPLETED.value

    @property
    def forwarded(self) -> bool:
        return self.state == CaseState.FORWARDED.value


@dataclass(frozen=True)
class Readiness:
    """What stands between a draft and 受理, for the submit step's summary."""

    field_errors: dict[str, str]  # key -> error code
    missing: tuple[str, ...]
    deficiency_possible: bool
    can_accept: bool


def readiness(session: Session, case_no: str) -> Readiness:
    case = find_case(session, case_no)
    item = item_for(case)
    values = case.field_map()
    _, errors = validate_form(item, values, clock.today_local())
    statuses = {e.material_key: e.status for e in material_entries(session, case)}
    missing = missing_required(item, values, statuses)
    return Readiness(
        {k: e.code for k, e in errors.items()},
        tuple(line.name for line in missing),
        deficiency_possible(missing),
        item.can_accept(case.station.level),
    )


def submit(
    session: Session,
    case_no: str,
    *,
    clerk_id: int | None = None,
    deficiency: bool = False,
    supplement_if_missing: bool = True,
    deficiency_days: int | None = None,
    now: dt.datetime | None = None,
) -> SubmitResult:
    """Accept the draft; then a 即办件 this level may approve is finished (审核通过 → 办结) by the
    same clerk, and one it may not is forwarded (转报) with no 即时办结 promise of this station.

    ``supplement_if_missing=False`` refuses to go on with required materials missing (the GUI
    asks the clerk first: 容缺受理, 一次性告知并退回补正, or back).
    """
    case = find_case(session, case_no)
    item = item_for(case)
    values = case.field_map()
    clean, errors = validate_form(item, values, clock.today_local())
    if errors:
        raise ValidationError("intake.form_invalid", count=len(errors), first=_label(item, next(iter(errors))))
    set_fields(session, case, clean, now=now)  # store the normalised values
    if case.person is not None and clean.get("phone"):
        # Remembered for the applicant's next visit (the identify panel offers it as the default).
        case.person.phone = clean["phone"]
    sync_checklist(session, case, item)
    statuses = {e.material_key: e.status for e in material_entries(session, case)}
    missing = missing_required(item, values, statuses)
    clerk = clerk_by_id(session, clerk_id)
    # The 短信 consent ticked on the form, recorded before the state's message is made with it.
    record_form_consent(session, case, clerk)
    # Names as the applicant reads them (《XX城乡医疗救助申请表》 → this county's form).
    names = tuple(localise(m.name, case.station.admdvs) for m in missing)
    if missing and not (deficiency and deficiency_possible(missing)):
        if not supplement_if_missing:
            raise IllegalTransition("case.materials_missing", count=len(missing), names="、".join(names))
        reason = "材料不全，已一次性告知：" + "、".join(names)
        if case.state is not CaseState.SUPPLEMENT:
            apply_action(session, case, Action.RETURN_FOR_SUPPLEMENT, item=item, clerk=clerk, reason=reason, now=now)
        return _result(case, item, names)
    apply_action(
        session,
        case,
        Action.ACCEPT,
        item=item,
        clerk=clerk,
        calendar=load_calendar(session),
        deficiency=bool(missing),
        deficiency_days=deficiency_days,
        now=now,
    )
    finish_or_forward(session, case, item, clerk=clerk, now=now)
    return _result(case, item, names)


def finish_or_forward(
    session: Session, case: Case, item: ServiceItem, *, clerk: Clerk | None, now: dt.datetime | None = None
) -> None:
    """After 受理 (or 容缺材料补齐) of a 即办件: 办结 here when the level may approve it and nothing
    is owed, else 转报 when the level may not approve it. 承诺件 stay as they are (审核 later)."""
    level = case.station.level
    if not _is_immediate_item(item, case.field_map()):
        return
    if item.can_approve(level):
        if case.state is CaseState.ACCEPTED and not case.deficiency_accepted:
            note = "即办件，受理人当场办结"
            for action in (Action.APPROVE, Action.COMPLETE):
                apply_action(session, case, action, item=item, clerk=clerk, reason=note, at_counter=True, now=now)
    elif case.state is CaseState.ACCEPTED:
        apply_action(session, case, Action.FORWARD, item=item, clerk=clerk, now=now)


def _is_immediate_item(item: ServiceItem, values: dict[str, str]) -> bool:
    """A 即办件 for these values at the level that finishes it: 003's 即时办结 rule for the
    approving levels (a village's "不超过2个工作日(村)" is its forwarding limit)."""
    top = max(StationLevel, key=lambda lv: lv.rank)
    levels = [lv for lv in StationLevel if item.can_approve(lv)] or [top]
    return any(item.time_limit_for(lv, values).is_immediate for lv in levels)


def _label(item: ServiceItem, key: str) -> str:
    field = item.field(key)
    return field.label if field else key


def _result(case: Case, item: ServiceItem, missing: tuple[str, ...]) -> SubmitResult:
    limit = item.counter_limit(case.station.level, case.field_map())
    session = object_session(case)
    note = notify.latest(session, case) if session is not None else None
    # Only this submit's message: an earlier state's (e.g. the 补正 before this 受理) is not it.
    wanted = ("受理", "办结") if case.state is not CaseState.SUPPLEMENT else ("补正",)
    if note is not None and note.event not in wanted:
        note = None
    missing_value = ""
    if note is None and session is not None:
        made_at = CaseState.SUPPLEMENT if case.state is CaseState.SUPPLEMENT else CaseState.ACCEPTED
        missing_value = notify.missing_value(session, case, made_at) or ""
    return SubmitResult(
        case.case_no,
        case.state.value,
        case.promised_date,
        limit.text,
        case.deficiency_accepted,
        missing,
        case.forwarded_to or "",
        _clock_suspect(case),
        case.deficiency_due,
        bool(case.deadline_provisional),
        note.text if note else "",
        bool(note and note.composed),
        mask_phone(note.phone) if note and note.phone else "",
        bool(case.field_map().get("phone")),
        missing_value,
    )


def _clock_suspect(case: Case) -> bool:
    """Was the case's latest event stamped with a suspect clock? (queried: ``case.events`` may
    have been loaded before the event was added)"""
    session = object_session(case)
    if session is None:
        return False
    query = select(CaseEvent.clock_suspect).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq.desc())
    return bool(session.scalar(query.limit(1)))


# The case desk ------------------------------------------------------------------------------

DESK_ACTIONS = (
    Action.ACCEPT,
    Action.RETURN_FOR_SUPPLEMENT,
    Action.REFUSE,
    Action.WITHDRAW,
    Action.FORWARD,
    Action.APPROVE,
    Action.REJECT,
    Action.PAY,
    Action.COMPLETE,
    Action.SUPPLY_DEFICIENCY,
)


@dataclass(frozen=True)
class ActionChoice:
    action: Action
    label: str
    needs_reason: bool
    enabled: bool
    why_not: str = ""


def desk_actions(state: CaseState, item: ServiceItem | None, level: StationLevel) -> list[ActionChoice]:
    """Every desk action with whether the lifecycle and this station's level allow it now."""
    legal = set(allowed_actions(state))
    out = []
    for action in DESK_ACTIONS:
        rule = RULES[action]
        why = ""
        if action not in legal:
            why = f"当前状态“{state.value}”不能{rule.label}"
        elif item is None:
            why = "目录中没有该事项"
        elif action is Action.ACCEPT and not item.can_accept(level):
            why = f"本服务点（{level.value}级）无权受理该事项"
        elif action in (Action.APPROVE, Action.REJECT, Action.PAY, Action.COMPLETE) and not item.can_approve(level):
            why = f"本服务点（{level.value}级）无权审核该事项，请转报上级"
        elif action is Action.FORWARD and item.can_approve(level):
            why = "本级可以审核，无需转报"
        out.append(ActionChoice(action, rule.label, rule.needs_reason, not why, why))
    return out


def case_actions(session: Session, case_no: str, clerk_id: int | None = None) -> list[ActionChoice]:
    """The desk's actions for a case; with ``clerk_id``, an action the clerk's roles do not allow
    is offered disabled with the reason (a 打印员 was offered 受理 and 退回补正, refused only on click)."""
    case = find_case(session, case_no)
    try:
        item: ServiceItem | None = item_for(case)
    except CatalogError:
        item = None
    choices = desk_actions(case.state, item, case.station.level)
    clerk = clerk_by_id(session, clerk_id)
    if clerk is None:
        return choices
    role = "、".join(r.value for r in roles_of(clerk))
    return [
        replace(c, enabled=False, why_not=f"当前经办人的角色（{role}）不能{c.label}")
        if c.enabled and not clerk_may(clerk, ACTION_PERMISSIONS[c.action])
        else c
        for c in choices
    ]


def perform(
    session: Session,
    case_no: str,
    action: Action,
    *,
    reason: str | None = None,
    clerk_id: int | None = None,
    deficiency: bool = False,
    deficiency_days: int | None = None,
    now: dt.datetime | None = None,
) -> str:
    """Apply one desk action; returns the new state's text. A 即办件 accepted again after 补正,
    or whose 容缺 material arrived, is finished (or forwarded) as at submit."""
    case = find_case(session, case_no)
    item = item_for(case)
    if action in (Action.PAY, Action.COMPLETE) and not item.can_approve(case.station.level):
        raise IllegalTransition("case.level_cannot_approve", level=case.station.level.value, item=item.name)
    clerk = clerk_by_id(session, clerk_id)
    apply_action(
        session,
        case,
        action,
        item=item,
        clerk=clerk,
        reason=(reason or "").strip() or None,
        calendar=load_calendar(session),
        deficiency=deficiency,
        deficiency_days=deficiency_days,
        now=now,
    )
    if action in (Action.ACCEPT, Action.SUPPLY_DEFICIENCY):
        finish_or_forward(session, case, item, clerk=clerk, now=now)
    return case.state.value


def rate_case(session: Session, case_no: str, rating: str, comment: str = "", reason: str = "") -> None:
    """好差评 from the customer view, stored with the case (models/rating.py)."""
    _rating.rate_case(session, case_no, rating, reason=reason, comment=comment)
