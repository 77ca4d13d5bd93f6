"""Plain-dict views of cases for the CLI's JSON, the case desk and printing.

Lists and the CLI mask personal data; ``case_record`` (the desk's detail panel) shows it whole
only when the caller says the clerk may see it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.case_lookup import find_case
from models.catalog.for_case import item_for
from models.centre_rejections import rejection_for, rejection_note
from models.clock import CHINA
from models.intake.checklist import STATUS_LABELS
from models.intake.fields import form_rows
from models.masking import mask_id, mask_id_list, mask_name, mask_phone
from models.orm import Case, Clerk, MaterialEntry, PrintLog, SyncBatchItem, SyncOutbox
from models.permissions import Permission, clerk_may


def case_summary(case: Case, today: dt.date) -> dict[str, Any]:
    person = case.person
    return {
        "case_no": case.case_no,
        "uuid": case.uuid,
        "revision": case.revision,
        "item_code": case.item_code,
        "item_name": case.item_name,
        "state": case.state.value,
        "state_code": case.state.name.lower(),
        "applicant": mask_name(person.name) if person else "",
        "id_number": mask_id_list(person.id_number) if person else "",
        "created_at": case.created_at.isoformat(),
        "accepted_at": case.accepted_at.isoformat() if case.accepted_at else None,
        "promised_date": case.promised_date.isoformat() if case.promised_date else None,
        "overdue": bool(case.promised_date and case.state.is_open and case.promised_date < today),
        "catalog_version": case.catalog_version,
        "deficiency_accepted": case.deficiency_accepted,
    }


def case_detail(case: Case, today: dt.date) -> dict[str, Any]:
    data = case_summary(case, today)
    data["station_code"] = case.station.code
    data["forwarded_to"] = case.forwarded_to
    data["fields"] = sorted(f.key for f in case.fields)  # values may be personal: keys only here
    data["events"] = [
        {
            "seq": e.seq,
            "action": e.action,
            "from_state": e.from_state,
            "to_state": e.to_state,
            "clerk": e.clerk.login if e.clerk else e.actor,
            "at": e.at.isoformat(),
            "at_local": e.at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M"),
            "reason": e.reason,
            # The station-wide order (models/clock_guard.py): unlike ``at``, a clock set back
            # cannot reorder it. None for events recorded before schema 0004.
            "station_seq": e.station_seq,
            # ``at`` was read from a clock that looked wrong (set back, or skewed from the hub's).
            "clock_suspect": bool(e.clock_suspect),
        }
        for e in case.events
    ]
    return data


#: Field types whose values identify a person or an account: masked unless the clerk may see them.
_SENSITIVE_TYPES = frozenset({"id_number", "document_number", "bank_account", "phone"})
#: How the timeline names actors that are not local clerks.
ACTOR_LABELS = {"centre": "医保中心"}
OUTBOX_LABELS = {"pending": "待上传", "sent": "已发送，等待确认", "acked": "中心已接收", "rejected": "中心已退回"}


def case_record(session: Session, case: Case, today: dt.date, *, full: bool) -> dict[str, Any]:
    """Everything the case desk's detail panel shows, as plain data (no Qt).

    ``full``: the clerk's role may see whole ID and phone numbers (``Permission.PERSON_VIEW_FULL``);
    otherwise they are masked as in lists. The caller records the view in the audit log.
    """

    data = case_detail(case, today)
    person = case.person
    data["full"] = full
    data["applicant"] = (person.name if full else mask_name(person.name)) if person else ""
    data["id_number"] = (person.id_number if full else mask_id_list(person.id_number)) if person else ""
    data["phone"] = ((person.phone or "") if full else mask_phone(person.phone)) if person else ""
    data["gender"] = (person.gender or "") if person else ""
    data["card_number"] = mask_id(person.card_number) if person and person.card_number else ""
    data["rating"] = case.rating or ""
    data["by_agent"] = case.by_agent

    values = {k: v for k, v in case.field_map().items() if not k.startswith("_")}
    try:
        rows = form_rows(item_for(case))
    except Exception:  # an item the catalog no longer has: show the stored keys
        rows = []
    fields: list[dict[str, str]] = []
    for row in rows:
        value = values.pop(row.key, "")
        if value and row.type.value == "region_code":
            from models.regions import describe

            value = describe(value)  # the place's name beside its code
        if value:
            fields.append(
                {
                    "key": row.key,
                    "label": row.label,
                    "group": row.group,
                    "value": value if full else _mask_value(row.key, row.type.value, value),
                }
            )
    for key, value in sorted(values.items()):
        fields.append({"key": key, "label": key, "group": "", "value": value if full else _mask_value(key, "", value)})
    data["field_values"] = fields

    entries = session.scalars(select(MaterialEntry).where(MaterialEntry.case_id == case.id).order_by(MaterialEntry.id))
    data["materials"] = [
        {
            "key": e.material_key,
            "name": e.name,
            "status": e.status,
            "status_label": STATUS_LABELS.get(e.status, e.status),
            "satisfied_by": e.satisfied_by or "",
            "files": [{"sha256": f.sha256, "mime": f.mime, "size": f.size, "page_no": f.page_no} for f in e.files],
        }
        for e in entries
        if e.status != "not_applicable" or e.files
    ]
    parent = session.scalar(select(Case).where(Case.uuid == case.parent_uuid)) if case.parent_uuid else None
    if parent is not None:  # why this revision exists: the centre's answer on the one before
        data["events"] = [
            {**e, "reason": f"{e['reason'] or ''}（原办件 {parent.case_no}）"}
            for e in case_detail(parent, today)["events"]
            if e["action"] == "sync_rejected"
        ] + data["events"]
    for event in data["events"]:
        event["who"] = ACTOR_LABELS.get(event["clerk"] or "", event["clerk"] or "系统")

    prints = session.scalars(select(PrintLog).where(PrintLog.case_id == case.id).order_by(PrintLog.at, PrintLog.id))
    data["prints"] = [
        {
            "document": p.document,
            "clerk": _clerk_login(session, p.clerk_id),
            "at_local": p.at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M"),
            "copies": p.copies,
            "reprint": p.reprint,
            "reason": p.reason or "",
        }
        for p in prints
    ]

    outbox = session.scalars(
        select(SyncOutbox).where(SyncOutbox.kind == "case", SyncOutbox.case_uuid == case.uuid).order_by(SyncOutbox.id)
    )
    answers = {
        i.outbox_id: i
        for i in session.scalars(select(SyncBatchItem).where(SyncBatchItem.case_uuid == case.uuid))
        if i.result
    }
    data["sync"] = [
        {
            "revision": o.revision,
            "status": o.status,
            "status_label": OUTBOX_LABELS.get(o.status, o.status),
            "enqueued_local": o.enqueued_at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M"),
            "acked_local": o.acked_at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M") if o.acked_at else "",
            "answer": _answer_text(answers.get(o.id)),
        }
        for o in outbox
    ]
    data["parent_case_no"] = parent.case_no if parent else ""
    rejection = rejection_for(session, case)
    data["centre_rejection"] = rejection_note(case, rejection) if rejection else ""
    # Issue 18: a provisional deadline (如遇法定节假日顺延) and the dates kept when it was counted again.
    data["deadline_provisional"] = bool(case.deadline_provisional)
    data["promised_date_given"] = case.promised_date_given.isoformat() if case.promised_date_given else None
    data["promised_date_exact"] = case.promised_date_exact.isoformat() if case.promised_date_exact else None
    data["sms_consent"] = bool(case.sms_consent)
    data["sms_phone"] = (case.sms_phone if full else mask_phone(case.sms_phone)) if case.sms_consent else ""
    name = case.person.name if case.person else ""
    data["messages"] = [
        {
            "event": n.event,
            "state": n.state or "",
            # the exact text kept; the applicant's name masked where the clerk sees masked data
            "text": n.text if full or not name else n.text.replace(name, mask_name(name)),
            "composed": bool(n.composed),
            "source": n.template_source or "",
            "sms": (n.phone if full else mask_phone(n.phone)) if n.phone else "",
            "at_local": n.created_at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M"),
        }
        for n in case.notifications
    ]
    for event in data["events"]:  # the engine's terse "code key → draft" in the clerk's words
        if event["action"] == "sync_rejected" and rejection is not None:
            reopened = (event["reason"] or "").partition("→")[2].strip()
            event["reason"] = data["centre_rejection"] + (f"；已重新打开为 {reopened}" if reopened else "")
    return data


def _mask_value(key: str, type_name: str, value: str) -> str:
    if type_name == "phone" or key.endswith("phone"):
        return mask_phone(value)
    if type_name in _SENSITIVE_TYPES or "id_number" in key or key.endswith("account"):
        return mask_id_list(value) if len(value) == 18 else mask_id(value)
    if key == "name" or (key.endswith("_name") and type_name == "text" and "bank" not in key):
        return mask_name(value)
    return value


def _clerk_login(session: Session, clerk_id: int | None) -> str:
    clerk = session.get(Clerk, clerk_id) if clerk_id else None
    return clerk.login if clerk else ""


def _answer_text(item: Any) -> str:
    if item is None:
        return ""
    if item.result == "accepted":
        return "已接收" + ("（重复提交，已去重）" if item.duplicate else "")
    where = "、".join(x for x in (item.field, item.material) if x)
    return f"退回：{item.reason or item.reason_code or ''}" + (f"（{where}）" if where else "")


def view_case(
    session: Session,
    case_no: str,
    clerk_id: int | None,
    today: dt.date,
    *,
    audit_ok: bool = True,
    already_audited: bool = False,
    masked: bool = False,
) -> dict[str, Any]:
    """The detail panel's data for the clerk ``clerk_id`` (None: the system itself).

    Whole ID and phone numbers only for a role with ``Permission.PERSON_VIEW_FULL``, only when
    the view can be written to the audit log (``audit_ok``: a write transaction), and not where
    the station masks the clerk's screens (``masked``: setting ``clerk_screen_masked``); each
    whole view is recorded with ``audit.record_person_view``.
    """
    case = find_case(session, case_no)
    clerk = session.get(Clerk, clerk_id) if clerk_id is not None else None
    full = audit_ok and not masked and clerk_may(clerk, Permission.PERSON_VIEW_FULL)
    data = case_record(session, case, today, full=full)
    if full and case.person is not None and not already_audited:
        audit.record_person_view(session, clerk, case.person.id, case.person.id_number, case_no=case.case_no)
    return data
