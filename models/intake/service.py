"""Intake in the database: people, drafts (autosave), materials and their files.

Functions take a ``Session`` inside the caller's write transaction, like models/cases.py; the
GUI runs each as one op on the DB worker. Nothing here logs personal data.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import clock
from models.case_lookup import find_case, material_entries
from models.case_views import case_summary
from models.cases import MaterialLine, open_case, set_fields
from models.catalog import ServiceItem, load_catalog
from models.catalog.for_case import item_for
from models.catalog.loader import station_profile
from models.errors import UserFacingError, ValidationError
from models.intake.checklist import identity_alternative, plan_checklist, resolve_checklist
from models.intake.draft import (
    EVOUCHER_PENDING,
    EVOUCHER_STATUS_KEY,
    EVOUCHER_TOKEN_KEY,
    IDENTIFIED_BY_KEY,
    DraftSnapshot,
    Identity,
)
from models.intake.fields import form_rows
from models.intake.item_index import Usage
from models.intake.page_check import page_mime
from models.lifecycle import CaseState
from models.media import store_bytes
from models.orm import Case, Clerk, MaterialEntry, MaterialFile, Person
from models.sms_consent import keep_form_consent
from models.station_setup import current_station
from models.validation import check_identity_number, check_name

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024


def clerk_by_id(session: Session, clerk_id: int | None) -> Clerk | None:
    return session.get(Clerk, clerk_id) if clerk_id is not None else None


# People -------------------------------------------------------------------------------------


def remember_person(session: Session, identity: Identity, now: dt.datetime | None = None) -> Person:
    """Create or update the person row for a complete identity (ID number checked again)."""
    name = check_name(identity.name)
    if not name:
        raise ValidationError("intake.name_required")
    number = check_identity_number(identity.id_number).number
    moment = now or clock.now()
    person = session.scalar(select(Person).where(Person.id_number == number))
    if person is None:
        person = Person(id_number=number, name=name, created_at=moment, updated_at=moment)
        session.add(person)
    person.name = name
    person.gender = identity.gender or person.gender
    if identity.birth_date:
        person.birth_date = dt.date.fromisoformat(identity.birth_date)
    person.card_number = identity.card_number or person.card_number
    person.phone = identity.phone or person.phone
    person.identified_by = identity.identified_by
    person.updated_at = moment
    session.flush()
    return person


@dataclass(frozen=True)
class PersonHistory:
    known: bool
    name: str
    phone: str
    #: case summaries (masked), newest first
    cases: list[dict[str, object]]
    #: item_code → case numbers still open (the duplicate guard)
    open_by_item: dict[str, list[str]]


def person_history(session: Session, id_number: str, today: dt.date, limit: int = 50) -> PersonHistory:
    person = session.scalar(select(Person).where(Person.id_number == id_number.strip().upper()))
    if person is None:
        return PersonHistory(False, "", "", [], {})
    cases = list(
        session.scalars(select(Case).where(Case.person_id == person.id).order_by(Case.created_at.desc()).limit(limit))
    )
    open_by_item: dict[str, list[str]] = {}
    for case in cases:
        if case.state.is_open:
            open_by_item.setdefault(case.item_code, []).append(case.case_no)
    return PersonHistory(True, person.name, person.phone or "", [case_summary(c, today) for c in cases], open_by_item)


def item_usage(session: Session, days: int = 90) -> dict[str, Usage]:
    """How often and how lately this station opened each item (for the chooser's order)."""
    since = clock.now() - dt.timedelta(days=days)
    rows = session.execute(
        select(Case.item_code, func.count(), func.max(Case.created_at))
        .where(Case.created_at >= since)
        .group_by(Case.item_code)
    )
    return {code: Usage(int(count), last) for code, count, last in rows}


# Drafts -------------------------------------------------------------------------------------


def start_draft(
    session: Session,
    item_code: str,
    identity: Identity,
    values: Mapping[str, str],
    clerk_id: int | None = None,
    now: dt.datetime | None = None,
) -> DraftSnapshot:
    """Open a draft case for ``identity`` with the item's checklist, and return it."""
    station = current_station(session)
    if station is None:
        raise UserFacingError("station.not_initialised")
    catalog = load_catalog(profile=station_profile(station.admdvs))
    item = catalog.get(item_code)
    person = remember_person(session, identity, now)
    lines = [MaterialLine(line.key, line.name) for line in resolve_checklist(item, values) if line.needed]
    case = open_case(
        session,
        station=station,
        item=item,
        catalog_version=catalog.version,
        catalog_profile=catalog.profile,
        clerk=clerk_by_id(session, clerk_id),
        person=person,
        fields={k: v for k, v in values.items() if v},
        materials=lines,
        by_agent=values.get("by_proxy") == "是",
        now=now,
    )
    set_fields(session, case, {IDENTIFIED_BY_KEY: identity.identified_by})
    if identity.evoucher_token:
        set_fields(session, case, {EVOUCHER_TOKEN_KEY: identity.evoucher_token, EVOUCHER_STATUS_KEY: EVOUCHER_PENDING})
    # The card read at the counter (or the e-voucher shown) is itself the identity credential.
    for line in resolve_checklist(item, values):
        alternative = identity_alternative(line, identity.identified_by)
        if alternative and line.needed:
            entry = session.scalar(
                select(MaterialEntry).where(MaterialEntry.case_id == case.id, MaterialEntry.material_key == line.key)
            )
            if entry is not None:
                entry.status, entry.satisfied_by = "received", alternative
    session.flush()
    return snapshot(session, case, identity)


def save_draft(session: Session, draft: DraftSnapshot, now: dt.datetime | None = None) -> DraftSnapshot:
    """Autosave: the typed values (as typed; cleared ones removed) and the checklist they imply."""
    case = find_case(session, draft.case_no)
    if case.state not in (CaseState.DRAFT, CaseState.SUPPLEMENT):
        raise UserFacingError("intake.not_a_draft", case_no=case.case_no, state=case.state.value)
    item = item_for(case)
    keys = {row.key for row in form_rows(item)}
    set_fields(session, case, {k: draft.values.get(k, "") for k in keys}, now=now)
    case.by_agent = draft.values.get("by_proxy") == "是"
    keep_form_consent(case, draft.sms_consent)
    sync_checklist(session, case, item)
    return snapshot(session, case, draft.identity)


def sync_checklist(session: Session, case: Case, item: ServiceItem) -> None:
    entries = {e.material_key: e for e in material_entries(session, case)}
    plan = plan_checklist(item, case.field_map(), {k: e.status for k, e in entries.items()})
    for line in plan.add:
        session.add(MaterialEntry(case_id=case.id, material_key=line.key, name=line.name, status="missing"))
    for key in plan.drop:
        entries[key].status = "not_applicable"
    for key in plan.revive:
        entries[key].status = "missing"
    session.flush()


def load_draft(session: Session, case_no: str) -> DraftSnapshot:
    case = find_case(session, case_no)
    person = case.person
    identity = Identity(
        id_number=person.id_number if person else "",
        name=person.name if person else "",
        gender=(person.gender or "") if person else "",
        birth_date=person.birth_date.isoformat() if person and person.birth_date else "",
        card_number=(person.card_number or "") if person else "",
        phone=(person.phone or "") if person else "",
        identified_by=case.field_map().get(IDENTIFIED_BY_KEY)
        or ((person.identified_by or "typed") if person else "typed"),
        evoucher_token=case.field_map().get(EVOUCHER_TOKEN_KEY, ""),
    )
    return snapshot(session, case, identity)


def snapshot(session: Session, case: Case, identity: Identity) -> DraftSnapshot:
    entries = material_entries(session, case)
    return DraftSnapshot(
        case_no=case.case_no,
        item_code=case.item_code,
        catalog_version=case.catalog_version,
        identity=identity,
        values={k: v for k, v in case.field_map().items() if not k.startswith("_")},
        materials={e.material_key: e.status for e in entries},
        satisfied_by={e.material_key: e.satisfied_by for e in entries if e.satisfied_by},
        files={e.material_key: len(e.files) for e in entries if e.files},
        state=case.state.value,
        saved_at=case.updated_at,
        sms_consent=bool(case.sms_consent),
    )


def open_drafts(session: Session, limit: int = 20) -> list[dict[str, object]]:
    """Drafts left at the counter (e.g. by a power cut), newest first, masked."""
    today = clock.today_local()
    cases = session.scalars(
        select(Case).where(Case.state == CaseState.DRAFT).order_by(Case.updated_at.desc()).limit(limit)
    )
    return [case_summary(c, today) for c in cases]


# Materials ----------------------------------------------------------------------------------


def set_material(
    session: Session, case_no: str, key: str, status: str, satisfied_by: str | None = None
) -> DraftSnapshot:
    case = find_case(session, case_no)
    if case.state.is_final:
        raise UserFacingError("case.closed", state=case.state.value)
    entry = session.scalar(
        select(MaterialEntry).where(MaterialEntry.case_id == case.id, MaterialEntry.material_key == key)
    )
    if entry is None:
        raise ValidationError("case.unknown_material", key=key)
    if status not in ("received", "missing", "deferred", "not_applicable"):
        raise ValueError(f"unknown material status {status!r}")
    entry.status = status
    entry.satisfied_by = satisfied_by if status == "received" else None
    case.updated_at = clock.now()
    session.flush()
    return load_draft(session, case_no)


def attach_file(session: Session, media_root: Path, case_no: str, key: str, data: bytes, mime: str) -> DraftSnapshot:
    """Store the bytes durably first, then reference them; the material counts as received.
    ``mime`` is what the caller believes; the stored type is the one the content shows."""
    if not data:
        raise ValidationError("intake.empty_file")
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError("intake.file_too_large", mb=MAX_FILE_BYTES // (1024 * 1024))
    # The content decides, not the file name: a text file named .jpg is refused here, a JPEG
    # named .png is stored as the JPEG it is; an image's pixel count is bounded (check_image)
    # before anything decodes it.
    mime = page_mime(data)
    case = find_case(session, case_no)
    entry = session.scalar(
        select(MaterialEntry).where(MaterialEntry.case_id == case.id, MaterialEntry.material_key == key)
    )
    if entry is None:
        raise ValidationError("case.unknown_material", key=key)
    digest = store_bytes(media_root, data)
    page = len(entry.files) + 1
    entry.files.append(MaterialFile(sha256=digest, mime=mime, size=len(data), page_no=page, created_at=clock.now()))
    entry.status = "received"
    case.updated_at = clock.now()
    session.flush()
    logger.info("material file attached: case %s, %s, page %d, %d bytes", case.case_no, key, page, len(data))
    return load_draft(session, case_no)
