"""Clock trouble shown to the clerk (issue 10 item 6): the case views expose each event's
``station_seq`` and ``clock_suspect``, the case detail's timeline marks suspect events, and the
intake result screen says when the promised date was not counted from the PC's clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.operations import Operations
from models import clock
from models.case_lookup import find_case
from models.case_views import case_detail
from models.orm import Case, ClockState
from models.store import Store
from tests.test_clock_guard import accept


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[Operations]:
    errors: list[BaseException] = []
    runner = Operations(on_error=errors.append)
    yield runner
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    runner.shutdown()
    assert errors == []


def test_suspect_events_are_exposed_marked_in_the_timeline_and_on_the_result_screen(
    qtbot: QtBot, demo_store: Store, ops: Operations
) -> None:
    from desktop.case_detail import CaseDetailPanel
    from desktop.intake.result import ResultPage

    before = accept(demo_store, "19850505", "031")  # the clock is right
    with demo_store.db.write() as session:  # then the station learns of a time two days ahead
        state = session.get(ClockState, 1)
        assert state is not None
        state.high_water_at = clock.now() + dt.timedelta(days=2)
    result = accept(demo_store, "19860606", "047")
    assert result.accepted and result.clock_suspect and not before.clock_suspect

    with demo_store.db.read() as session:
        suspect = case_detail(find_case(session, result.case_no), clock.today_local())["events"]
        fine = case_detail(find_case(session, before.case_no), clock.today_local())["events"]
    # (item 047 may be a 即办件 this level finishes at the counter: approve and complete follow accept)
    assert [e["action"] for e in suspect][:2] == ["open", "accept"] and all(e["clock_suspect"] for e in suspect)
    assert not any(e["clock_suspect"] for e in fine)
    # The station-wide order: the later case's events come after the earlier case's.
    seqs = [e["station_seq"] for e in fine + suspect]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs) >= 4 and None not in seqs

    panel = CaseDetailPanel(demo_store.db, ops, demo_store.paths.media, lambda: None)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.detail_loaded, timeout=10_000):
        panel.show_case(result.case_no)
    qtbot.waitUntil(lambda: panel.timeline.rowCount() == len(suspect), timeout=10_000)
    mark = panel.clock_mark()
    times = panel.timeline.column_texts(0)[: len(suspect)]
    assert all(t.endswith(mark) for t in times) and mark in panel.toPlainText()
    with qtbot.waitSignal(panel.detail_loaded, timeout=10_000):
        panel.show_case(before.case_no)
    qtbot.waitUntil(lambda: panel.record is not None and panel.record["case_no"] == before.case_no, timeout=10_000)
    assert mark not in panel.toPlainText()

    page = ResultPage()
    qtbot.addWidget(page)
    page.show()
    page.show_result(result)
    assert page.clock_note.isVisible() and "本机时钟异常" in page.clock_note.text()
    page.show_result(before)
    assert not page.clock_note.isVisible() and page.clock_note.text() == ""


def test_timeline_dicts_of_old_events_have_the_fields(demo_store: Store) -> None:
    """Every event dict has both keys (the demo's history is numbered, not judged)."""
    with demo_store.db.read() as session:
        case = session.scalar(select(Case).order_by(Case.id))
        assert case is not None
        events = case_detail(case, clock.today_local())["events"]
    assert events and all(isinstance(e["station_seq"], int) and e["clock_suspect"] is False for e in events)
