"""The day's paperwork: the 办件台账 for a day or range, its statistics, the Excel export (formula
prefixes escaped, audited, role checked) and the printed 台账 and 日结单 (PDF text in local time),
and the window at the counter (打印 → 办件台账与日结单)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models import clock
from models.errors import UserFacingError
from models.ledger import NOT_RATED, build_ledger, export_xlsx, spreadsheet_text
from models.orm import AuditEntry, Case, CaseEvent, Clerk
from models.rating import rate_case
from models.store import Store
from printing.ledger import render_day_summary, render_ledger


def _expected(store: Store, start: dt.date, end: dt.date) -> dict[str, dt.datetime]:
    """Independently: each case's first event out of 草稿, kept when its local date is in range."""
    out: dict[str, dt.datetime] = {}
    with store.db.read() as session:
        for case in session.scalars(select(Case)):
            events = session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
            ).all()
            left = next((e for e in events if e.from_state == "草稿" and e.to_state != "草稿"), None)
            if left is not None and start <= clock.local_date(left.at) <= end:
                out[case.case_no] = left.at
    return out


def _pdf_text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return run.stdout


def test_ledger_rows_statistics_and_paper(demo_store: Store, tmp_path: Path) -> None:
    today = clock.today_local()
    start = today - dt.timedelta(days=14)
    expected = _expected(demo_store, start, today)
    assert len(expected) >= 3
    rated = min(expected)
    with demo_store.db.write() as session:
        rate_case(session, rated, "非常不满意", reason="办理时间长")
        case = session.scalar(select(Case).where(Case.case_no == rated))
        assert case is not None and case.person is not None
        case.person.name = '=HYPERLINK("http://x","点我")'  # a name that a spreadsheet would run
    with demo_store.db.read() as session:
        ledger = build_ledger(session, start, today)
        assert build_ledger(session, today).rows == tuple(r for r in ledger.rows if r.at.date() == today)
    assert {r.case_no for r in ledger.rows} == set(expected)
    for row in ledger.rows:
        assert row.at == expected[row.case_no].astimezone(clock.CHINA)  # local time, not UTC
        assert row.clerk and row.result != "草稿"
    assert [r.at for r in ledger.rows] == sorted(r.at for r in ledger.rows)
    s = ledger.stats
    assert s.total == len(expected) == sum(n for _n, n in s.by_item) == sum(n for _n, n in s.by_clerk)
    assert sum(n for _n, n in s.by_result) == s.total == sum(n for _n, n in s.by_rating)
    assert dict(s.by_rating)["非常不满意"] == 1 and dict(s.by_rating)[NOT_RATED] == s.total - 1 and s.bad == 1

    text = _pdf_text(render_ledger(ledger), tmp_path, "ledger")
    assert "办件台账" in text and "受理时间" in text and "好差评" in text
    first = ledger.rows[0]
    assert first.at.strftime("%Y-%m-%d %H:%M") in text
    summary = _pdf_text(render_day_summary(ledger, "受理员甲"), tmp_path, "summary")
    assert "办件日结单" in summary and "站长（负责人）签字" in summary and "受理员甲" in summary
    assert f"受理 {s.total} 件" in summary.replace("当日受理", "受理")
    assert rated in summary and "办理时间长" in summary  # the bad rating awaiting follow-up

    out = tmp_path / "ledger.xlsx"
    with demo_store.db.write() as session:
        shouli = session.scalar(select(Clerk).where(Clerk.login == "shouli"))
        with pytest.raises(UserFacingError) as refused:
            export_xlsx(session, ledger, out, clerk=shouli)
        assert refused.value.code == "auth.forbidden"
        admin = session.scalar(select(Clerk).where(Clerk.login == "admin"))
        assert export_xlsx(session, ledger, out, clerk=admin) == s.total
    book = load_workbook(out)
    sheet = book["办件台账"]
    names = [sheet.cell(row=r, column=4) for r in range(3, 3 + s.total)]
    bad_cell = next(c for c in names if "HYPERLINK" in str(c.value))
    assert bad_cell.value.startswith("'=") and bad_cell.data_type == "s"  # text, never a formula
    assert sheet.cell(row=3, column=2).value == ledger.rows[0].case_no
    assert book["统计"].cell(row=1, column=2).value == s.total
    with demo_store.db.read() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "ledger.export"))
        assert entry is not None and entry.clerk_login == "admin"


def test_bad_ranges_are_refused_in_chinese(demo_store: Store) -> None:
    from desktop.messages import render

    today = clock.today_local()
    with demo_store.db.read() as session, pytest.raises(UserFacingError) as err:
        build_ledger(session, today, today - dt.timedelta(days=1))
    assert "早于开始日期" in render(err.value)
    assert spreadsheet_text("-1") == "'-1" and spreadsheet_text("张三") == "张三"


def test_ledger_window_prints_and_exports(
    qtbot: QtBot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, screenshots: Path
) -> None:
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(demo_store, "演示镇医保服务站", "522701001", "乡镇")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    window = win.open_ledger()
    qtbot.waitUntil(lambda: window.ledger is not None, timeout=10_000)
    today = clock.today_local()
    window.start_edit.setDate(window.start_edit.date().addDays(-14))
    window.query_button.click()
    qtbot.waitUntil(lambda: window.ledger is not None and window.ledger.start < today, timeout=10_000)
    assert window.table.rowCount() == len(window.ledger.rows) >= 3
    assert "按事项" in window.stats.text() and "按好差评" in window.stats.text()
    window.resize(1366, 700)
    assert window.grab().save(str(screenshots / "ledger.png"))
    window.print_summary()
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(), timeout=15_000)
    assert window.preview.page_labels
    window.preview.close()
    window._choose_save = lambda _parent, _name: str(tmp_path / "out")
    window.export_button.click()
    qtbot.waitUntil(lambda: "已导出" in window.message.text(), timeout=10_000)
    assert (tmp_path / "out.xlsx").exists()
    window.close()
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=10_000)
    win.close()
