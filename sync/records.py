"""Case rows to wire records (upload) and centre results to case actions (download)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.cases import CENTRE, MaterialLine, open_case, record_event
from models.deadlines import TimeLimitLike
from models.enums import StationLevel
from models.lifecycle import Action
from models.orm import Case, MaterialEntry, MaterialFile, Person
from models.person_insurance import ContributionLine, InsuranceFacts, store_facts
from models.workdays import WorkCalendar
from sync import protocol as p

RESULT_ACTIONS = {"approve": Action.APPROVE, "reject": Action.REJECT, "pay": Action.PAY, "complete": Action.COMPLETE}


def case_record(session: Session, case: Case) -> p.CaseRecord:
    entries = list(
        session.scalars(select(MaterialEntry).where(MaterialEntry.case_id == case.id).order_by(MaterialEntry.id))
    )
    person = case.person
    return p.CaseRecord(
        uuid=case.uuid,
        revision=case.revision,
        parent_uuid=case.parent_uuid,
        case_no=case.case_no,
        item_code=case.item_code,
        item_name=case.item_name,
        catalog_version=case.catalog_version,
        state=str(case.state),
        deficiency_accepted=case.deficiency_accepted,
        by_agent=case.by_agent,
        created_at=case.created_at,
        updated_at=case.updated_at,
        accepted_at=case.accepted_at,
        promised_date=case.promised_date,
        person=None
        if person is None
        else p.PersonRecord(
            id_number=person.id_number,
            name=person.name,
            gender=person.gender,
            birth_date=person.birth_date,
            card_number=person.card_number,
        ),
        fields=case.field_map(),
        materials=[
            p.MaterialRecord(
                key=e.material_key,
                name=e.name,
                status=e.status,
                satisfied_by=e.satisfied_by,
                files=[p.MediaRef(sha256=f.sha256, size=f.size, mime=f.mime, page_no=f.page_no) for f in e.files],
            )
            for e in entries
        ],
        events=[
            p.EventRecord(
                seq=ev.seq,
                action=ev.action,
                from_state=ev.from_state,
                to_state=ev.to_state,
                actor=ev.actor,
                clerk_login=ev.clerk.login if ev.clerk else None,
                at=ev.at,
                reason=ev.reason,
                station_seq=ev.station_seq,
                clock_suspect=bool(ev.clock_suspect),
            )
            for ev in case.events
        ],
        deadline_provisional=bool(case.deadline_provisional),
        promised_date_given=case.promised_date_given,
        promised_date_exact=case.promised_date_exact,
        notifications=[
            p.NotificationRecord(
                id=n.id,
                event=n.event,
                state=n.state or "",
                text=n.text,
                phone=n.phone,
                template_source=n.template_source or "",
                composed=bool(n.composed),
                created_at=n.created_at,
            )
            for n in case.notifications
        ],
        rating=None
        if not case.rating
        else p.RatingRecord(
            rating=case.rating,
            reason=case.rating_reason,
            comment=case.rating_comment,
            rated_at=case.rated_at,
            channel=case.rating_channel,
            followup_at=case.rating_followup_at,
            followup_note=case.rating_followup_note,
            followup_by=case.rating_followup_by,
        ),
    )


@dataclass(frozen=True)
class _Limit:
    working_days: int | None = None

    def promised_date(self, accepted: dt.date, calendar: WorkCalendar | None = None) -> dt.date | None:
        return None


@dataclass(frozen=True)
class SyncedItem:
    """What ``open_case``/``apply_action`` need of an item when acting on the centre's word."""

    code: str
    name: str
    allows_deficiency: bool = False

    def time_limit_for(self, level: StationLevel, values: Mapping[str, Any] | None = None) -> TimeLimitLike:
        return _Limit()

    def counter_limit(self, level: StationLevel, values: Mapping[str, Any] | None = None) -> TimeLimitLike:
        return _Limit()

    def can_accept(self, level: StationLevel) -> bool:
        return True

    def can_approve(self, level: StationLevel) -> bool:
        return True  # only consulted for local actions; centre results are not bound by level


def reopen_rejected(session: Session, case: Case, ack: p.CaseAck, moment: dt.datetime) -> Case:
    """A new draft revision linked to ``case``: same person, fields and materials, except that
    the material the hub named goes back to missing so the clerk takes it in again."""
    entries = list(
        session.scalars(select(MaterialEntry).where(MaterialEntry.case_id == case.id).order_by(MaterialEntry.id))
    )
    draft = open_case(
        session,
        station=case.station,
        item=SyncedItem(case.item_code, case.item_name),
        catalog_version=case.catalog_version,
        catalog_profile=case.catalog_profile,
        clerk=None,
        person=case.person,
        fields=case.field_map(),
        materials=[MaterialLine(e.material_key, e.name) for e in entries],
        by_agent=case.by_agent,
        parent=case,
        now=moment,
    )
    copies = {
        e.material_key: e for e in session.scalars(select(MaterialEntry).where(MaterialEntry.case_id == draft.id))
    }
    for old in entries:
        new = copies[old.material_key]
        if old.material_key == ack.material:
            continue  # stays "missing"
        new.status, new.satisfied_by, new.note = old.status, old.satisfied_by, old.note
        for f in old.files:
            session.add(
                MaterialFile(
                    entry_id=new.id, sha256=f.sha256, mime=f.mime, size=f.size, page_no=f.page_no, created_at=moment
                )
            )
    what = ack.material or ack.field or ""
    reason = f"{ack.reason_code} {what} → {draft.case_no}".strip()
    record_event(session, case, "sync_rejected", case.state, case.state, None, CENTRE, moment, reason)
    session.flush()
    return draft


def store_insurance(person: Person, record: p.RosterInsurance, now: dt.datetime) -> None:
    """A 4301 record's 参保信息 (V1.1) stored at the station (models/person_insurance.py)."""
    facts = InsuranceFacts(
        household_place=record.household_place,
        household_type=record.household_type,
        insurance_type=record.insurance_type,
        insured_admdvs=record.insured_admdvs,
        insured_from=record.insured_from,
        insured_to=record.insured_to,
        paid_months=record.paid_months,
        account_balance=record.account_balance,
        as_of=record.as_of,
        contributions=[
            ContributionLine(c.period_from, c.period_to, c.insurance_type, c.base, c.amount, c.status)
            for c in record.contributions
        ],
    )
    store_facts(person, facts, now)
