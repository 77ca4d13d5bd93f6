"""Issue 18 §3: a station whose rule profile changes keeps its open cases on the rules they were
taken in under. A case opened on a national station (003: 转移接续 不超过15个工作日) that is
accepted and finished after the station moved to 黔南州/都匀 (002: 20个工作日) keeps 15 days in its
promise, its 受理 and 办结 messages, its receipt and its desk actions; a case opened after the move
gets the new profile's 20 days."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

from desktop.cli.main import main
from models import clock
from models.case_lookup import find_case, material_entries
from models.cases import CENTRE, apply_action
from models.catalog import load_catalog
from models.catalog.for_case import catalog_for, item_for
from models.enums import StationLevel
from models.intake import Identity, form_rows, resolve_checklist
from models.intake.service import save_draft, set_material, start_draft
from models.intake.submit import case_actions, submit
from models.lifecycle import Action
from models.station_setup import current_station
from models.store import Store
from models.workdays import WorkCalendar
from printing.from_case import CaseBundle, receipt
from printing.receipt import render_receipt
from sync.records import SyncedItem
from tests.test_catalog_profiles import ID, _sample, _set_region
from tests.test_intake_gui import window
from tests.test_print_documents import pdf_text

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

__all__ = ["window"]  # the fixture, shared with tests/test_intake_gui.py

ITEM = "002036003002"  # 转移接续手续办理: 003#… 15 working days; 002#231/#257 20 in 黔南州
NATIONAL = "410102"  # 郑州 (Henan, not 平顶山): the national profile
DUYUN = "522701100"  # 都匀市: national → 贵州 → 黔南州 → 都匀
NOW = dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC)  # a Monday, in a year with holiday data


def _draft(store: Store) -> str:
    """A draft for ITEM with every required field filled and every needed material received."""
    with store.db.write() as s:
        current_station(s)
        draft = start_draft(s, ITEM, Identity(ID, "贵演示"), {"name": "贵演示"}, now=NOW)
    with store.db.read() as s:
        item = item_for(find_case(s, draft.case_no))
    filled = {row.key: _sample(row) for row in form_rows(item) if row.required}
    with store.db.write() as s:
        save_draft(s, draft.with_values(filled), now=NOW)
        for line in resolve_checklist(item, filled):
            if line.needed:
                set_material(s, draft.case_no, line.key, "received")
    return draft.case_no


def _promise(days: int) -> str:
    day = WorkCalendar().add_working_days(clock.local_date(NOW), days)
    return f"承诺于{day.year}年{day.month:02d}月{day.day:02d}日前办结"


def test_an_open_case_keeps_its_profile_through_acceptance_and_completion(demo_store: Store, tmp_path: Path) -> None:
    _set_region(demo_store, NATIONAL)
    old_no = _draft(demo_store)
    _set_region(demo_store, DUYUN)  # the station's profile changes while the case is open
    with demo_store.db.write() as s:
        assert current_station(s) is not None  # as the app reads its station at start-up
        assert load_catalog().profile == "duyun"
        result = submit(s, old_no, now=NOW)  # 受理 under the new station profile
        assert result.accepted
    with demo_store.db.read() as s:
        case = find_case(s, old_no)
        assert case.catalog_profile == "national" and catalog_for(case).profile == "national"
        assert case.time_limit_days == 15
        assert result.time_limit_text == item_for(case).counter_limit(StationLevel.TOWNSHIP).text
        [accepted] = case.notifications
        assert _promise(15) in accepted.text and _promise(20) not in accepted.text
        # the township cannot approve 转移接续 under 003's levels: the desk says so for this case
        approve = next(c for c in case_actions(s, old_no) if c.action is Action.APPROVE)
        assert not approve.enabled
        bundle = CaseBundle(case, material_entries(s, case), item_for(case), clock.today_local())
        pdf = render_receipt(receipt(bundle))
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = "".join(out.split())  # table cells wrap
    day = WorkCalendar().add_working_days(clock.local_date(NOW), 15)
    assert f"{day.year}年{day.month:02d}月{day.day:02d}日" in text
    assert "不超过15个工作日" in text and "20个工作日" not in text
    # 'tongban print' takes the same item (it used to take the station's current catalog).
    cli_pdf = tmp_path / "cli-receipt.pdf"
    assert main(["print", "receipt", old_no, "--out", str(cli_pdf)]) == 0
    assert "不超过15个工作日" in "".join(pdf_text(cli_pdf.read_bytes()).split())

    # The county finishes it (the result arrives by sync): 办结 in 003's words, for this case.
    with demo_store.db.write() as s:
        case = find_case(s, old_no)
        for action in (Action.APPROVE, Action.COMPLETE):
            apply_action(s, case, action, item=SyncedItem(ITEM, case.item_name), clerk=None, actor=CENTRE)
    with demo_store.db.read() as s:
        case = find_case(s, old_no)
        done = case.notifications[-1]
        national = next(m for m in load_catalog(profile="national").get(ITEM).messages if m.event == "办结")
        assert done.event == "办结" and done.template_source == str(national.source)[:80]
        assert "办理的转移接续已完成" in done.text and "*" not in done.text
        assert case.catalog_profile == "national"

    # A case taken in after the change gets the new profile's rules (002: 20 working days).
    new_no = _draft(demo_store)
    with demo_store.db.write() as s:
        assert submit(s, new_no, now=NOW).accepted
    with demo_store.db.read() as s:
        case = find_case(s, new_no)
        assert case.catalog_profile == "duyun" and case.time_limit_days == 20
        assert _promise(20) in case.notifications[-1].text


def test_a_draft_resumed_at_the_counter_keeps_its_profile(
    qtbot: QtBot, window: MainWindow, demo_store: Store
) -> None:
    """A draft opened under the national profile and resumed (e.g. after a power cut) once the
    station applies 都匀's rules shows the item as the case was opened: 003's 15 days, not 002's 20."""
    _set_region(demo_store, NATIONAL)
    case_no = _draft(demo_store)
    _set_region(demo_store, DUYUN)
    assert window.intake.ctx.get_catalog().get(ITEM).time_limit_for(StationLevel.COUNTY).working_days == 20
    with qtbot.waitSignal(window.intake.draft_opened, timeout=10_000):
        window.resume_draft(case_no)
    item = window.intake.item
    assert item is not None and item.time_limit_for(StationLevel.COUNTY).working_days == 15
    assert window.intake.form.item is item
