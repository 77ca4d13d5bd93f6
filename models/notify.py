"""消息推送: the item's message template filled with the case's values when the case reaches
the state the template is for, kept with the case and sent up with it for the hub's SMS gateway.

Which template (``TEMPLATE_FOR_STATE``): 已办结 takes the item's 办结 template and 不予受理 /
审核不通过 its 未办结 template (``003`` 消息推送模板, cited by ``MessageTemplate.source``);
已受理 and 退回补正 have no template in ``003``, and some items have none at all: for those the
station uses a template composed here (``COMPOSED``), marked ``composed`` on the notification and
``composed:<event>`` as its source, never passed off as the seed's.

The text is rendered once, when the state is reached (``on_state``, called by
``models.cases.apply_action`` for the clerk's and the centre's actions), and kept as rendered in
``notification`` (the exact text the clerk saw, the paper printed and the hub sends). The number
goes with it only when the applicant agreed (``Case.sms_consent``, set by ``models.sms_consent``);
without consent the text is still kept and shown, and the hub records it as not to be sent.
A template that cannot be filled (a value the case does not hold) never blocks the case: no
notification is made and the reason is logged by code.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import clock
from models.catalog.catalog import CatalogError
from models.catalog.render import MessageData, render_message
from models.deadlines import PROVISIONAL_NOTE
from models.lifecycle import CaseState
from models.orm import Case, MaterialEntry, Notification

logger = logging.getLogger(__name__)

#: The state a case reaches → the template event (003 names 办结 and 未办结; the others are ours).
TEMPLATE_FOR_STATE: dict[CaseState, str] = {
    CaseState.ACCEPTED: "受理",
    CaseState.SUPPLEMENT: "补正",
    CaseState.REFUSED: "未办结",
    CaseState.REVIEW_REJECTED: "未办结",
    CaseState.COMPLETED: "办结",
}

#: Templates composed for this station where ``003`` gives none (marked ``composed``). They use
#: the seeds' placeholders (``***``, ``****年**月**日``, ``******(电话)``) so one renderer fills
#: both; ``{item}``, ``{case_no}``, ``{promise}`` and ``{missing}`` are filled first from the case
#: (no personal data in them).
COMPOSED: dict[str, str] = {
    "受理": "【经办机构落款】尊敬的***,您于****年**月**日申请的{item}已受理，办件编号{case_no}，{promise}。"
    "如有疑问，请咨询******(电话)。",
    "补正": "【经办机构落款】尊敬的***,您于****年**月**日申请的{item}材料尚不齐全，请按一次性告知书补齐"
    "{missing}后办理，办件编号{case_no}。如有疑问，请咨询******(电话)。",
    "办结": "【经办机构落款】尊敬的***,您于****年**月**日申请的{item}已办结。如有疑问，请咨询******(电话)。",
    "未办结": "【经办机构落款】尊敬的***,您于****年**月**日办理的{item}未完成。原因为：***。"
    "如有疑问，请咨询******(电话)。",
}

@dataclass(frozen=True)
class Template:
    event: str
    text: str
    source: str  # the seed citation, or composed:<event>
    composed: bool


def template_for(item: object | None, event: str) -> Template:
    """The item's template for ``event`` (003), else the composed one."""
    for m in getattr(item, "messages", None) or ():
        if m.event == event:
            return Template(event, m.template, str(m.source)[:80], False)
    return Template(event, COMPOSED[event], f"composed:{event}", True)


def on_state(
    session: Session,
    case: Case,
    state: CaseState,
    *,
    reason: str | None,
    moment: dt.datetime,
) -> Notification | None:
    """Render and keep the message for the state ``case`` has just reached (None: no message for
    this state, no applicant, or the template cannot be filled)."""
    event = TEMPLATE_FOR_STATE.get(state)
    if event is None or case.person is None:
        return None
    template = template_for(_item(case), event)
    try:
        text = _render(session, case, template, reason)
    except CatalogError as exc:
        logger.warning("message for case %s (%s) not made: %s", case.id, event, exc.code)
        return None
    note = Notification(
        case_id=case.id,
        event=event,
        state=state.value,
        text=text,
        phone=case.sms_phone if case.sms_consent else None,
        template_source=template.source,
        composed=template.composed,
        created_at=moment,
    )
    session.add(note)
    session.flush()
    return note


def _render(session: Session, case: Case, template: Template, reason: str | None) -> str:
    return render_message(_prefill(session, case, template.text), _values(case, reason))


def missing_value(session: Session, case: Case, state: CaseState) -> str | None:
    """Why no message was made for ``state`` (the value the case or the catalog lacks, e.g.
    ``phone``: no 咨询电话 for the item at this station), so the clerk can be told; None: one
    can be made, or the state has none."""
    event = TEMPLATE_FOR_STATE.get(state)
    if event is None or case.person is None:
        return None
    try:
        _render(session, case, template_for(_item(case), event), "-")
    except CatalogError as exc:
        return str(exc.params.get("value") or exc.code)
    return None


def notifications(session: Session, case: Case) -> list[Notification]:
    return list(session.scalars(select(Notification).where(Notification.case_id == case.id).order_by(Notification.id)))


def latest(session: Session, case: Case, event: str | None = None) -> Notification | None:
    rows = [n for n in notifications(session, case) if event is None or n.event == event]
    return rows[-1] if rows else None


def _item(case: Case) -> object | None:
    from models.catalog.for_case import item_for

    try:
        return item_for(case)
    except CatalogError:
        return None  # an item not in this station's catalog (e.g. a result for another catalog)


def _prefill(session: Session, case: Case, text: str) -> str:
    if "{" not in text:
        return text
    missing = session.scalars(
        select(MaterialEntry.name)
        .where(MaterialEntry.case_id == case.id, MaterialEntry.status.in_(("missing", "deferred")))
        .order_by(MaterialEntry.id)
    ).all()
    return text.format(
        item=case.item_name,
        case_no=case.case_no,
        promise=promise_text(case),
        missing="：" + "、".join(missing) if missing else "",
    )


def promise_text(case: Case) -> str:
    """承诺于YYYY年MM月DD日前办结 (with 如遇法定节假日顺延 while provisional)."""
    day = case.promised_date
    if day is None:
        return "办理时限按统筹地区规定"
    if case.time_limit_days == 0 and not case.deficiency_accepted:
        return "当场办结"
    text = f"承诺于{day.year}年{day.month:02d}月{day.day:02d}日前办结"
    return text + f"（{PROVISIONAL_NOTE}）" if case.deadline_provisional else text


def _values(case: Case, reason: str | None) -> MessageData:
    from models.catalog.for_case import item_for

    phone = ""
    try:
        contact = item_for(case).contact
        phone = (contact.consult_phone or "") if contact else ""
    except CatalogError:
        pass
    started = case.accepted_at or case.created_at
    assert case.person is not None
    return MessageData(
        agency=case.station.name,
        name=case.person.name,
        date=clock.local_date(started),
        phone=phone or getattr(case.station, "phone", None) or "",
        reason=reason,
    )
