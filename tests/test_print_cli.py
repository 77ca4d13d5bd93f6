"""`tongban print` on the demo store, and the print log (prints, reprints with a reason)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli.main import main
from models.orm import Case, PrintLog
from models.store import Store
from tests.test_print_documents import pdf_text


def _case_no(store: Store, item_code: str) -> str:
    with store.db.read() as session:
        return str(session.scalar(select(Case.case_no).where(Case.item_code == item_code)))


def test_list_prints_one_kind_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["print", "--list"]) == 0
    lines = capsys.readouterr().out.split()
    assert lines[0] == "receipt" and "assistance-slip" in lines and "reconciliation" in lines


def test_receipt_of_a_demo_case(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case_no = _case_no(demo_store, "002036001003")
    out = tmp_path / "r.pdf"
    assert main(["print", "receipt", case_no, "--out", str(out), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["pages"] == 1 and info["case_no"] == case_no
    text = pdf_text(out.read_bytes())
    assert case_no in text and "城乡居民参保登记" in text and "演示受理员" in text
    assert "张演示" in text  # the applicant's name is on the receipt; the ID is masked
    with demo_store.db.read() as session:
        case = session.scalar(select(Case).where(Case.case_no == case_no))
        assert case is not None and case.person is not None
        person_id = case.person.id_number
    assert person_id not in text and person_id[-4:] in text
    assert person_id not in json.dumps(info)


def test_roll_paper_only_for_receipts(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case_no = _case_no(demo_store, "002036004002")
    assert main(["print", "receipt", "--case", case_no, "--paper", "80mm", "--out", str(tmp_path / "r.pdf")]) == 0
    assert main(["print", "filing", case_no, "--paper", "80mm", "--out", str(tmp_path / "f.pdf")]) == 1
    assert "80mm" in capsys.readouterr().err


def test_errors_are_messages_not_tracebacks(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = _case_no(demo_store, "002036003001")
    assert main(["print", "receipt", draft, "--out", str(tmp_path / "x.pdf")]) == 1
    assert "尚未受理" in capsys.readouterr().err
    assert main(["print", "nonsense", draft, "--out", str(tmp_path / "x.pdf")]) == 1
    assert "没有这种文书" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_missing_notice_lists_every_missing_material(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.db.read() as session:
        case = session.scalar(select(Case).where(Case.item_name.contains("门诊慢特病")))
        assert case is not None
        case_no = case.case_no
    out = tmp_path / "n.pdf"
    assert main(["print", "missing-notice", case_no, "--out", str(out)]) == 0
    text = pdf_text(out.read_bytes())
    assert "一次性告知书" in text and "需补齐补正的材料" in text
    assert "门诊慢特病病种待遇认定申请表" in text


def test_assistance_slip_computes_from_county_policy(demo_store: Store, tmp_path: Path) -> None:
    case_no = _case_no(demo_store, "002036001003")
    out = tmp_path / "s.pdf"
    bill = ["total_cost=30000", "compliant_cost=25000", "basic_reimbursed=15000", "critical_reimbursed=2000"]
    args = ["print", "assistance-slip", case_no, "--out", str(out), "--set", "person_attribute=低保"]
    for pair in bill:
        args += ["--set", pair]
    assert main(args) == 0
    text = pdf_text(out.read_bytes())
    # demo county 522701 example policy: 低保 70%, 起付线 1000 → (8000 - 1000) × 0.7
    assert "4,900.00" in text and "肆仟玖佰元整" in text and "示例配置" in text


def test_reconciliation_from_rows(demo_store: Store, tmp_path: Path) -> None:
    rows = tmp_path / "rows.json"
    rows.write_text(
        json.dumps([{"case_no": "522701-001-20261123-0001", "status": "被拒绝", "note": "版本冲突"}]), "utf-8"
    )
    out = tmp_path / "l.pdf"
    assert main(["print", "reconciliation", "--rows", str(rows), "--batch", "B7", "--out", str(out)]) == 0
    text = pdf_text(out.read_bytes())
    assert "B7" in text and "版本冲突" in text and "被拒绝 1 件" in text


def test_record_logs_prints_and_reprints_need_a_reason(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case_no = _case_no(demo_store, "002036001003")
    base = ["print", "receipt", case_no, "--out", str(tmp_path / "r.pdf"), "--record", "--clerk", "dayin"]
    assert main(base) == 0
    assert main(base) == 1
    assert "补打须填写原因" in capsys.readouterr().err
    assert main([*base, "--reprint-reason", "原件遗失"]) == 0
    assert "补打" in pdf_text((tmp_path / "r.pdf").read_bytes())
    with demo_store.db.read() as session:
        logs = list(session.scalars(select(PrintLog).order_by(PrintLog.id)))
    assert [(log.document, log.reprint) for log in logs] == [("receipt", False), ("receipt", True)]
    assert all(log.clerk_id is not None and log.sha256 and len(log.sha256) == 64 for log in logs)


def test_print_history(demo_store: Store) -> None:
    from models.case_lookup import find_case
    from models.print_log import print_history, record_print

    case_no = _case_no(demo_store, "002036004002")
    with demo_store.db.write() as session:
        case = find_case(session, case_no.replace("-", ""))
        record_print(session, document="filing", pdf=b"%PDF-1", case_id=case.id, copies=2)
        history = print_history(session, case.id)
    assert len(history) == 1 and history[0].copies == 2 and history[0].case_no == case_no and not history[0].reprint


def test_every_print_checks_the_role_and_is_logged_without_record(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 17 item 6: no ``--record`` is no longer a way around the role check and the logs."""
    from models.orm import AuditEntry

    case_no = _case_no(demo_store, "002036001003")
    out = tmp_path / "c.pdf"
    # a 同步员 may not print (a 参保凭证 carries the full ID number and address): nothing rendered
    assert main(["print", "certificate", case_no, "--out", str(out), "--clerk", "tongbu"]) == 1
    assert "无权" in capsys.readouterr().err and not out.exists()
    # a 受理员 prints: logged and audited although --record was not given
    assert main(["print", "receipt", case_no, "--out", str(out), "--clerk", "shouli"]) == 0
    # a second print is a reprint: refused without a reason, and a 受理员 may not reprint at all
    assert main(["print", "receipt", case_no, "--out", str(tmp_path / "r2.pdf"), "--clerk", "shouli"]) == 1
    assert "补打须填写原因" in capsys.readouterr().err
    again = ["print", "receipt", case_no, "--out", str(tmp_path / "r2.pdf"), "--reprint-reason", "遗失"]
    assert main([*again, "--clerk", "shouli"]) == 1
    assert "无权" in capsys.readouterr().err and not (tmp_path / "r2.pdf").exists()
    assert main([*again, "--clerk", "dayin"]) == 0
    assert "补打" in pdf_text((tmp_path / "r2.pdf").read_bytes())
    with demo_store.db.read() as session:
        rows = session.scalars(select(PrintLog).order_by(PrintLog.id))
        logs = [(row.document, row.reprint, row.reason) for row in rows]
        printed = select(AuditEntry).where(AuditEntry.action.in_(("print", "reprint")))
        actions = [entry.action for entry in session.scalars(printed)]
    assert logs == [("receipt", False, None), ("receipt", True, "遗失")]
    assert actions == ["print", "reprint"]
