"""Batch intake in the database: check a file against the station's cases, then open cases.

Each valid row becomes a **draft** (草稿) case through the counter's own path
(``models.intake.service.start_draft``: person remembered, checklist from the catalog, case
number, event, audit). Not 已受理: 受理 needs the materials checked (models/cases.py refuses
acceptance with required materials missing unless the item allows 容缺受理), and a list from
民政/残联 or a 灵活就业 template carries no materials. The drafts appear in the case desk's
draft list; the clerk ticks the materials and accepts each one (or 一次性告知s what is missing).

Idempotent: every case keeps ``_batch_ref`` = ``<file sha256>:<row>`` among its field values
(no new table, no migration). Importing the same file again reports those rows as already
imported with their case numbers and creates nothing for them; a corrected file (new hash) is
guarded by the open-case check instead. Valid rows are created in chunks, one write
transaction each, with progress and a CancelToken checked between chunks; a cancelled import
keeps the chunks already committed and a re-import picks up the rest.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit, clock
from models.batch_import.checker import (
    CREATED,
    IMPORTED,
    INVALID,
    VALID,
    KnownCases,
    RowError,
    RowOutcome,
    candidate_ids,
    check_rows,
)
from models.batch_import.columns import find_header, item_columns
from models.batch_import.reader import RawTable, read_table
from models.case_lookup import find_case
from models.cases import set_fields
from models.catalog import ServiceItem, load_catalog
from models.catalog.loader import station_profile
from models.db import Database
from models.errors import UserFacingError
from models.intake.draft import Identity
from models.intake.service import clerk_by_id, start_draft
from models.lifecycle import FINAL_STATES
from models.orm import Case, CaseFieldValue, Person
from models.permissions import Permission, require
from models.progress import CancelToken, Progress, ProgressFn, no_progress
from models.station_setup import current_station

logger = logging.getLogger(__name__)

#: Field value key recording where a case came from: "<sha256>:<row>".
BATCH_REF_KEY = "_batch_ref"
CHUNK_ROWS = 50


@dataclass
class BatchReport:
    file_name: str
    sha256: str
    encoding: str
    item_code: str
    item_name: str
    header_row: int
    columns: list[str]
    ignored_columns: list[str]
    rows: list[RowOutcome]
    dry_run: bool = True
    created: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def valid(self) -> int:
        """Rows that pass every check (created now, or still to create in a dry run)."""
        return self.count(VALID) + self.count(CREATED)

    @property
    def already_imported(self) -> int:
        return self.count(IMPORTED)

    @property
    def invalid(self) -> int:
        return self.count(INVALID)

    @property
    def errors(self) -> list[RowError]:
        return [e for r in self.rows for e in r.errors]

    @property
    def ok(self) -> bool:
        return self.invalid == 0

    def as_dict(self, render: Callable[[RowError], str] | None = None) -> dict[str, Any]:
        """English keys for ``--json``; ``render`` adds each error's Chinese text."""
        return {
            "file": self.file_name,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "item_code": self.item_code,
            "item_name": self.item_name,
            "dry_run": self.dry_run,
            "header_row": self.header_row,
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
            "rows": self.total,
            "valid": self.valid,
            "created": len(self.created),
            "already_imported": self.already_imported,
            "invalid": self.invalid,
            "cases": [{"row": r.row, "case_no": r.case_no, "status": r.status} for r in self.rows if r.case_no],
            "errors": [
                {"row": e.row, "column": e.column, "code": e.code, **({"message": render(e)} if render else {})}
                for e in self.errors
            ],
        }


def batch_ref(sha256: str, row: int) -> str:
    return f"{sha256}:{row}"


def check_table(
    session: Session, table: RawTable, item: ServiceItem, file_name: str, today: dt.date | None = None
) -> BatchReport:
    """Every row checked against the catalog and the station's cases (no writes)."""
    station = current_station(session)
    if station is None:
        raise UserFacingError("station.not_initialised")
    if not item.can_accept(station.level):
        raise UserFacingError("intake.item_not_allowed", level=station.level.value, item=item.name)
    columns = item_columns(item)
    header = find_header(table.rows, columns)
    known = KnownCases(
        _imported_rows(session, table.sha256),
        _open_cases(session, item.code),
        _known_names(session, candidate_ids(table, header)),
    )
    outcomes = check_rows(item, table, header, known, today or clock.today_local())
    if not outcomes:
        raise UserFacingError("batch.no_rows")
    return BatchReport(
        file_name=file_name,
        sha256=table.sha256,
        encoding=table.encoding,
        item_code=item.code,
        item_name=item.name,
        header_row=header.row_no,
        columns=[c.header for c in header.by_index.values()],
        ignored_columns=list(header.ignored),
        rows=outcomes,
    )


def _imported_rows(session: Session, sha256: str) -> dict[int, str]:
    prefix = sha256 + ":"
    rows = session.execute(
        select(CaseFieldValue.value, Case.case_no)
        .join(Case, Case.id == CaseFieldValue.case_id)
        .where(CaseFieldValue.key == BATCH_REF_KEY, CaseFieldValue.value.startswith(prefix, autoescape=True))
    )
    out: dict[int, str] = {}
    for value, case_no in rows:
        tail = value[len(prefix) :]
        if tail.isdigit():
            out[int(tail)] = case_no
    return out


def _known_names(session: Session, numbers: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 500):  # SQLite's bound-parameter limit
        chunk = ordered[start : start + 500]
        query = select(Person.id_number, Person.name).where(Person.id_number.in_(chunk))
        out.update((number, name) for number, name in session.execute(query))
    return out


def _open_cases(session: Session, item_code: str) -> dict[str, list[str]]:
    rows = session.execute(
        select(Person.id_number, Case.case_no)
        .join(Case, Case.person_id == Person.id)
        .where(Case.item_code == item_code, Case.state.not_in(list(FINAL_STATES)))
        .order_by(Case.created_at)
    )
    out: dict[str, list[str]] = {}
    for number, case_no in rows:
        out.setdefault(number, []).append(case_no)
    return out


def run_import(
    db: Database,
    path: Path,
    item_code: str,
    *,
    clerk_id: int | None = None,
    dry_run: bool = False,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    chunk_rows: int = CHUNK_ROWS,
    today: dt.date | None = None,
) -> BatchReport:
    """Check ``path`` and, unless ``dry_run``, open a draft case for every valid row."""
    cancel = cancel or CancelToken()
    with db.read() as session:  # the station's 行政区划代码 selects the catalog's rule profile
        station = current_station(session)
    item = load_catalog(profile=station_profile(station.admdvs if station else None)).get(item_code)
    progress(Progress(0, None, "读取文件"))
    table = read_table(path)
    with db.read() as session:
        require(clerk_by_id(session, clerk_id), Permission.CASE_INTAKE)
        report = check_table(session, table, item, path.name, today)
    report.dry_run = dry_run
    if dry_run:
        return report
    pending = [r for r in report.rows if r.status == VALID]
    total = len(pending)
    progress(Progress(0, total, "建立办件"))
    for start in range(0, total, chunk_rows):
        cancel.check()
        chunk = pending[start : start + chunk_rows]
        try:
            with db.write() as session:
                created = _create_chunk(session, item, report.sha256, chunk, clerk_id)
                audit.record(
                    session,
                    "case.batch_import",
                    f"batch:{report.sha256[:16]}",
                    clerk=clerk_by_id(session, clerk_id),
                    detail={"item": item.code, "rows": [chunk[0].row, chunk[-1].row], "created": len(created)},
                )
        except UserFacingError as exc:
            if not report.created:
                raise  # nothing was saved, and the error says so
            # Earlier chunks are committed: say how many, not "nothing was saved" (issue 17 item 14).
            # Importing the same file again skips the rows already opened.
            logger.warning(
                "batch import %s stopped after %d of %d cases: %s",
                report.sha256[:12],
                len(report.created),
                total,
                exc.code,
            )
            raise UserFacingError(
                "batch.partly_saved",
                saved=len(report.created),
                total=total,
                remaining=total - len(report.created),
                cause=exc.code,
            ) from exc
        report.created.extend(created)
        progress(Progress(min(start + chunk_rows, total), total, "建立办件"))
    logger.info(
        "batch import %s: item %s, %d rows, %d created, %d already imported, %d invalid",
        report.sha256[:12],
        item.code,
        report.total,
        len(report.created),
        report.already_imported,
        report.invalid,
    )
    return report


def _create_chunk(
    session: Session, item: ServiceItem, sha256: str, chunk: list[RowOutcome], clerk_id: int | None
) -> list[str]:
    """Open the chunk's cases inside the caller's transaction, re-checking the guards in it."""
    imported = _imported_rows(session, sha256)
    open_by_id = _open_cases(session, item.code)
    created: list[str] = []
    for outcome in chunk:
        if outcome.row in imported:  # another import of the same file got there first
            outcome.status, outcome.case_no = IMPORTED, imported[outcome.row]
            continue
        number = outcome.identity["id_number"]
        if open_by_id.get(number):
            outcome.status = INVALID
            outcome.errors.append(
                RowError(outcome.row, "", "batch.open_case", {"case_no": open_by_id[number][0], "item": item.name})
            )
            continue
        draft = start_draft(
            session, item.code, Identity(**outcome.identity, identified_by="typed"), outcome.values, clerk_id=clerk_id
        )
        set_fields(session, find_case(session, draft.case_no), {BATCH_REF_KEY: batch_ref(sha256, outcome.row)})
        outcome.status, outcome.case_no = CREATED, draft.case_no
        open_by_id.setdefault(number, []).append(draft.case_no)
        created.append(draft.case_no)
    return created
