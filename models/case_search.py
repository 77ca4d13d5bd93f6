"""Finding cases fast at a station with years of history (a million cases and more).

The clerk types one thing: a case number (or part of a recent one), a citizen ID number,
a name, part of an item name, or an item code. Each kind of query
uses an index (unique case_no, person.id_number, person.name, case.item_code); only free
text that matches none of them falls back to a bounded scan of the newest cases.
"""

from __future__ import annotations

import re

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from models.orm import Case, Person

_CASE_NO = re.compile(r"^\d{6}-?\d{3}-?\d{8}-?\d{4}$")
_ID = re.compile(r"^\d{17}[\dXx]$")
_ITEM = re.compile(r"^\d{11}[\dYy]$")
#: How far back a free-text scan looks when nothing indexed matches.
SCAN_LIMIT = 20_000


def search_cases(session: Session, text: str, limit: int = 200) -> list[Case]:
    query = text.strip()
    if not query:
        return list(session.scalars(_newest(limit)))
    if _CASE_NO.match(query):
        digits = query.replace("-", "")
        case_no = f"{digits[:6]}-{digits[6:9]}-{digits[9:17]}-{digits[17:]}"
        return list(session.scalars(select(Case).where(Case.case_no == case_no)))
    if _ID.match(query):
        person = session.scalar(select(Person).where(Person.id_number == query.upper()))
        return [] if person is None else _for_person(session, person.id, limit)
    if _ITEM.match(query):
        return list(session.scalars(_newest(limit).where(Case.item_code == query.upper())))
    if re.fullmatch(r"[\u4e00-\u9fff·《》()（）]{1,30}", query):
        return _chinese(session, query, limit)
    # Anything else (part of a case number, a serial): look through the newest cases only.
    recent = select(Case.id).order_by(Case.id.desc()).limit(SCAN_LIMIT).subquery()
    return list(
        session.scalars(_newest(limit).where(Case.id.in_(select(recent.c.id)), Case.case_no.contains(query)))
    )


def _chinese(session: Session, query: str, limit: int) -> list[Case]:
    """A name prefix, or part of an item name: both through indexes."""
    from models.catalog import load_catalog

    # Two indexed steps, so SQLite does not walk every case in id order checking names.
    people = list(
        session.scalars(
            select(Person.id).where(Person.name >= query, Person.name < query + "\U0010ffff").limit(limit)
        )
    )
    found = sorted(
        session.scalars(select(Case).where(Case.person_id.in_(people))), key=lambda c: c.id, reverse=True
    )[:limit]
    codes = [item.code for item in load_catalog() if query in item.name]
    if codes and len(found) < limit:
        seen = {c.id for c in found}
        by_item = session.scalars(_newest(limit).where(Case.item_code.in_(codes)))
        found += [c for c in by_item if c.id not in seen]
    return found[:limit]


def _newest(limit: int) -> Select[Case]:
    return select(Case).order_by(Case.id.desc()).limit(limit)


def _for_person(session: Session, person_id: int, limit: int) -> list[Case]:
    return list(session.scalars(_newest(limit).where(Case.person_id == person_id)))
