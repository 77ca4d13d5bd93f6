"""The audit log: append, verify the hash chain, list and export.

Recorded (issue 9): logins and logouts (and failed logins, locks, unlocks, clerk switches),
every view of a person's full data, prints and reprints, exports, sync runs, clerk and role
changes, and every case lifecycle transition. Each entry names the clerk, the time and the
target; personal data appears only masked.

Each entry's hash covers its fields and the previous entry's hash; ``verify`` walks the log in
insertion order and names the first entry of every break: an edited entry no longer matches its
hash, a deleted one leaves a gap in ``seq`` and a broken link, a reordered one shows both, and
deleting the newest entries leaves ``sqlite_sequence`` above the last row.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from models import clock
from models.masking import mask_id_list
from models.orm import AuditEntry
from models.spreadsheet import safe_row

GENESIS = "0" * 64


class Actor(Protocol):
    @property
    def login(self) -> str: ...
    @property
    def role(self) -> Any: ...


def record(
    session: Session,
    action: str,
    target: str,
    *,
    clerk: Actor | None,
    detail: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's write transaction (so it commits with the change)."""
    last = session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
    # The next number is past every id ever used (sqlite_sequence), not just past the last row:
    # an entry appended after the newest ones were deleted then shows the gap they left.
    used = session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")).scalar()
    seq = max(int(used or 0), last.seq if last else 0) + 1
    entry = AuditEntry(
        id=seq,
        seq=seq,
        at=at or clock.now(),
        clerk_login=clerk.login if clerk is not None else None,
        clerk_role=str(getattr(clerk.role, "value", clerk.role)) if clerk is not None else None,
        action=action,
        target=target[:80],
        detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        prev_hash=last.entry_hash if last else GENESIS,
        entry_hash="",
    )
    entry.entry_hash = entry_hash(entry)
    session.add(entry)
    session.flush()
    return entry


def entry_hash(entry: AuditEntry) -> str:
    moment = entry.at.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    fields = [
        entry.seq,
        moment,
        entry.clerk_login,
        entry.clerk_role,
        entry.action,
        entry.target,
        entry.detail,
        entry.prev_hash,
    ]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def record_person_view(
    session: Session, clerk: Actor | None, person_id: int, id_number: str | None, *, case_no: str | None = None
) -> AuditEntry:
    """A clerk saw a person's full data (the case detail's unmasked ID number and phone)."""
    detail: dict[str, Any] = {"id_number": mask_id_list(id_number)}
    if case_no:
        detail["case_no"] = case_no
    return record(session, "person.view", f"person:{person_id}", clerk=clerk, detail=detail)


# ---- verification ----


@dataclass(frozen=True)
class Problem:
    seq: int  # the entry the break shows at (for a deletion: the first missing number)
    kind: str  # edited / missing / reordered / chain_broken / truncated
    entry_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "entry_id": self.entry_id}


@dataclass
class VerifyReport:
    entries: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "problems": [p.as_dict() for p in self.problems],
        }


def verify(session: Session) -> VerifyReport:
    report = VerifyReport()
    expected_seq, prev = 1, GENESIS
    last_id = 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        report.entries += 1
        last_id = entry.id
        if entry_hash(entry) != entry.entry_hash:
            report.problems.append(Problem(entry.seq, "edited", entry.id))
        if entry.seq > expected_seq:
            report.problems.append(Problem(expected_seq, "missing", entry.id))
        elif entry.seq < expected_seq:
            report.problems.append(Problem(entry.seq, "reordered", entry.id))
        elif entry.prev_hash != prev:
            report.problems.append(Problem(entry.seq, "chain_broken", entry.id))
        prev, expected_seq = entry.entry_hash, max(expected_seq, entry.seq + 1)
        report.head_seq, report.head_hash = entry.seq, entry.entry_hash
    highest = session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")).scalar()
    if highest is not None and int(highest) > last_id:
        report.problems.append(Problem(expected_seq, "truncated"))
    return report


def head(session: Session) -> dict[str, Any]:
    """The chain's head as an anchor: ``{"seq", "hash"}`` of the newest entry (seq 0 and the
    genesis hash for an empty log). Kept outside the station (the hub at every sync, every backup's
    manifest, a file from ``audit verify --json``), it shows a cut tail or a wiped log that
    lowering ``sqlite_sequence`` would hide (issue 17 item 11)."""
    last = session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
    return {"seq": last.seq if last else 0, "hash": last.entry_hash if last else GENESIS}


def check_anchor(session: Session, anchor: dict[str, Any]) -> Problem | None:
    """The entry the anchor names must still be in the log, unchanged (``verify`` checks the
    chain from there on). None when it is."""
    seq, hash_ = int(anchor["seq"]), str(anchor["hash"])
    if seq == 0:
        return None
    entry = session.scalar(select(AuditEntry).where(AuditEntry.seq == seq))
    if entry is None:
        return Problem(seq, "anchor_missing")
    if entry.entry_hash != hash_:
        return Problem(seq, "anchor_mismatch", entry.id)
    return None


def read_anchor(data: dict[str, Any]) -> dict[str, Any]:
    """An anchor from what was kept: ``audit verify --json`` output (head_seq/head_hash), a
    backup manifest (audit_head) or a plain ``{"seq", "hash"}``; ValueError otherwise."""
    if "audit_head" in data:
        data = data["audit_head"]
    if "head_seq" in data:
        data = {"seq": data["head_seq"], "hash": data["head_hash"]}
    try:
        return {"seq": int(data["seq"]), "hash": str(data["hash"])}
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError("not an audit anchor") from exc


# ---- listing and export ----


def entries(
    session: Session,
    *,
    clerk_login: str | None = None,
    action: str | None = None,
    target: str | None = None,
    since: dt.datetime | None = None,
    limit: int | None = None,
) -> Sequence[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.seq.desc())
    if clerk_login:
        query = query.where(AuditEntry.clerk_login == clerk_login)
    if action:
        query = query.where(AuditEntry.action.startswith(action))
    if target:
        query = query.where(AuditEntry.target == target)
    if since:
        query = query.where(AuditEntry.at >= since)
    if limit:
        query = query.limit(limit)
    return session.scalars(query).all()


def as_dict(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": clock_local(entry.at),
        "clerk": entry.clerk_login,
        "role": entry.clerk_role,
        "action": entry.action,
        "target": entry.target,
        "detail": json.loads(entry.detail or "{}"),
        "hash": entry.entry_hash,
    }


def clock_local(moment: dt.datetime) -> str:
    return moment.astimezone(clock.CHINA).strftime("%Y-%m-%d %H:%M:%S")


EXPORT_FORMATS = ("csv", "json")


def export_file(session: Session, out: Path, *, clerk: Actor | None, fmt: str = "csv") -> int:
    """Write the whole log to ``out`` (CSV or JSON, oldest first) and audit the export.

    Call inside a write transaction: the ``audit.export`` entry commits with the file written
    (a failed write rolls it back). The export itself is not among the rows it writes. Needs the
    查看审计日志 permission (``clerk=None``: the system). The CLI and the GUI both come here.
    """
    from models.permissions import Permission, require

    require(clerk, Permission.AUDIT_VIEW)
    if fmt not in EXPORT_FORMATS:
        raise ValueError(fmt)
    rows = list(entries(session))
    record(session, "audit.export", "audit_log", clerk=clerk, detail={"entries": len(rows), "format": fmt})
    if fmt == "csv":
        body = export_csv(rows)
    else:
        body = json.dumps([as_dict(e) for e in reversed(rows)], ensure_ascii=False, indent=1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return len(rows)


def export_csv(rows: Sequence[AuditEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["seq", "at", "clerk", "role", "action", "target", "detail", "hash"])
    for entry in sorted(rows, key=lambda e: e.seq):
        d = as_dict(entry)
        writer.writerow(
            safe_row([d["seq"], d["at"], d["clerk"] or "", d["role"] or "", d["action"], d["target"], entry.detail,
                      d["hash"]])
        )
    return out.getvalue()
