"""Every print and reprint: the reason stored, an audit entry in the same transaction, roles checked;
and which cases a batch print covers (models/print_batch.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli.main import main
from models import audit, clock
from models.errors import UserFacingError
from models.orm import AuditEntry, Case, Clerk, PrintLog
from models.store import Store


def _case(store: Store, item_code: str) -> tuple[int, str]:
    with store.db.read() as session:
        case = session.scalar(select(Case).where(Case.item_code == item_code))
        assert case is not None
        return case.id, case.case_no


def _clerk_id(store: Store, login: str) -> int:
    with store.db.read() as session:
        clerk_id = session.scalar(select(Clerk.id).where(Clerk.login == login))
        assert clerk_id is not None
        return int(clerk_id)


def _print_entries(store: Store) -> list[AuditEntry]:
    with store.db.read() as session:
        return [e for e in audit.entries(session) if e.action in ("print", "reprint")][::-1]


def test_reprint_reason_is_stored_returned_and_audited(demo_store: Store) -> None:
    from models.print_log import print_history, record_print

    case_id, case_no = _case(demo_store, "002036001003")
    dayin = _clerk_id(demo_store, "dayin")
    with demo_store.db.write() as session:
        record_print(session, document="receipt", pdf=b"%PDF-a", case_id=case_id, clerk_id=dayin, copies=2)
    with pytest.raises(UserFacingError) as exc, demo_store.db.write() as session:
        record_print(session, document="receipt", pdf=b"%PDF-b", case_id=case_id, clerk_id=dayin, reprint_reason=" ")
    assert exc.value.code == "print.reprint_reason_required"
    with demo_store.db.write() as session:
        record_print(
            session, document="receipt", pdf=b"%PDF-b", case_id=case_id, clerk_id=dayin, reprint_reason="原件遗失"
        )
        history = print_history(session, case_id)
    assert [(h.reprint, h.reason, h.copies, h.clerk) for h in history] == [
        (False, None, 2, "dayin"),
        (True, "原件遗失", 1, "dayin"),
    ]
    with demo_store.db.read() as session:
        assert [r.reason for r in session.scalars(select(PrintLog).order_by(PrintLog.id))] == [None, "原件遗失"]

    entries = _print_entries(demo_store)
    assert [(e.action, e.target, e.clerk_login) for e in entries] == [
        ("print", f"case:{case_no}/receipt", "dayin"),
        ("reprint", f"case:{case_no}/receipt", "dayin"),
    ]
    assert json.loads(entries[0].detail) == {"document": "receipt", "copies": 2, "reprint": False}
    assert json.loads(entries[1].detail) == {"document": "receipt", "copies": 1, "reprint": True, "reason": "原件遗失"}
    with demo_store.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        person = case.person
        assert person is not None
        for e in entries:  # no personal data in the audit entry
            assert person.id_number not in e.detail + e.target and person.name not in e.detail + e.target
        assert audit.verify(session).ok


def test_a_refused_print_leaves_neither_log_nor_audit(demo_store: Store) -> None:
    """The audit entry is in the PrintLog row's transaction: a failed write leaves neither."""
    from models.print_log import record_print

    case_id, _ = _case(demo_store, "002036001003")
    shouli = _clerk_id(demo_store, "shouli")  # 受理员: may print, may not reprint
    with demo_store.db.write() as session:
        record_print(session, document="receipt", pdf=b"%PDF-a", case_id=case_id, clerk_id=shouli)
    with pytest.raises(UserFacingError) as exc, demo_store.db.write() as session:
        record_print(
            session, document="receipt", pdf=b"%PDF-b", case_id=case_id, clerk_id=shouli, reprint_reason="卡纸"
        )
    assert exc.value.code == "auth.forbidden"
    with demo_store.db.read() as session:
        assert len(list(session.scalars(select(PrintLog)))) == 1
    assert [e.action for e in _print_entries(demo_store)] == ["print"]


def test_cli_record_stores_the_reason_and_audit_verify_passes(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, case_no = _case(demo_store, "002036004002")
    base = ["print", "filing", case_no, "--out", str(tmp_path / "f.pdf"), "--record", "--clerk", "dayin"]
    assert main(base) == 0
    assert main([*base, "--reprint-reason", "申请人要求再打一份"]) == 0
    with demo_store.db.read() as session:
        rows = list(session.scalars(select(PrintLog).order_by(PrintLog.id)))
    assert [(r.reprint, r.reason) for r in rows] == [(False, None), (True, "申请人要求再打一份")]
    assert [e.action for e in _print_entries(demo_store)] == ["print", "reprint"]
    capsys.readouterr()
    assert main(["audit", "verify", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["entries"] >= 2


# ---- which cases a batch covers ----


def _today() -> dt.date:
    return clock.today_local()


def test_batch_of_receipts_covers_the_cases_accepted_on_those_days(demo_store: Store) -> None:
    from models.print_batch import find_batch

    today = _today()
    with demo_store.db.read() as session:
        todays = find_batch(session, "receipt", today, today)
        fortnight = find_batch(session, "receipt", today - dt.timedelta(days=14), today)
        accepted = list(session.scalars(select(Case).where(Case.accepted_at.is_not(None))))
    assert [c.item_code for c in todays] == ["002036001003"]
    # every demo case that was accepted (the draft and the returned case were not), oldest first
    assert sorted(c.case_no for c in fortnight) == sorted(c.case_no for c in accepted)
    assert [c.accepted_at for c in fortnight] == sorted(c.accepted_at for c in fortnight)
    assert len(fortnight) == 3 and not any(c.printed_before for c in fortnight)


def test_batch_filters_by_the_kind_and_the_chosen_items(demo_store: Store) -> None:
    from models.catalog import load_catalog
    from models.print_batch import applicable_items, find_batch
    from models.print_log import record_print

    today = _today()
    start = today - dt.timedelta(days=14)
    with demo_store.db.read() as session:
        filings = find_batch(session, "filing", start, today)
        certificates = find_batch(session, "certificate", start, today)
        only = find_batch(session, "receipt", start, today, item_codes=["002036001006"])
    assert [c.item_code for c in filings] == ["002036004002"]  # its catalog forms include 表11
    assert certificates == []  # the 参保凭证 case is still a draft
    assert [c.item_code for c in only] == ["002036001006"]
    codes = [code for code, _ in applicable_items("filing", load_catalog())]
    assert "002036004002" in codes and "002036001003" not in codes
    assert [code for code, _ in applicable_items("certificate", load_catalog())] == ["002036003001"]

    with demo_store.db.write() as session:
        record_print(session, document="filing", pdf=b"%PDF", case_id=filings[0].case_id)
        again = find_batch(session, "filing", start, today)
    assert again[0].printed_before


def test_batch_range_is_checked(demo_store: Store) -> None:
    from models.errors import ValidationError
    from models.print_batch import MAX_DAYS, find_batch

    today = _today()
    with demo_store.db.read() as session:
        for first, last, code in (
            (today, today - dt.timedelta(days=1), "print.batch_bad_range"),
            (today - dt.timedelta(days=MAX_DAYS), today, "print.batch_range_too_long"),
        ):
            with pytest.raises(ValidationError) as exc:
                find_batch(session, "receipt", first, last)
            assert exc.value.code == code
        with pytest.raises(ValidationError) as exc:
            find_batch(session, "reconciliation", today, today)
        assert exc.value.code == "print.batch_unknown_kind"


def test_reprint_is_offered_only_to_roles_that_may_reprint(demo_store: Store) -> None:
    from models.print_log import may_reprint

    with demo_store.db.read() as session:
        ids = {c.login: c.id for c in session.scalars(select(Clerk))}
        offered = {login: may_reprint(session, clerk_id) for login, clerk_id in ids.items()}
        assert may_reprint(session, None)  # the unprotected demo: the system acts
    assert offered == {"admin": True, "shouli": False, "shenhe": False, "dayin": True, "tongbu": False}
