"""The task manager (desktop/taskman.py): order, exclusivity, cancel, progress, changes.

Real threads and a real SQLite file; the tests wait on events and Qt signals, never on time.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop.operations import Operations
from desktop.taskman import TaskManager
from models.changes import OpChanges, track_changes
from models.db import Database
from models.errors import Cancelled, UserFacingError
from models.progress import CancelToken, Progress, ProgressThrottle

WAIT = 10_000


@pytest.fixture
def manager(qtbot: QtBot) -> Iterator[TaskManager]:
    tm = TaskManager(pool_workers=2)
    yield tm
    tm.shutdown()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    from models.migrate import migrate

    path = tmp_path / "t.db"
    migrate(path, tmp_path / "backups")
    database = Database(path)
    yield database
    database.dispose()


def test_db_ops_run_one_at_a_time_in_the_order_given(qtbot: QtBot, manager: TaskManager) -> None:
    ops = Operations(on_error=pytest.fail, manager=manager)
    release = threading.Event()
    running: list[int] = []
    overlap: list[bool] = []

    def op(n: int) -> int:
        overlap.append(bool(running))
        running.append(n)
        if n == 0:
            release.wait(WAIT / 1000)
        running.remove(n)
        return n

    results: list[int] = []
    for n in range(5):
        ops.run(lambda n=n: op(n), results.append)
    release.set()
    qtbot.waitUntil(lambda: len(results) == 5, timeout=WAIT)
    assert results == [0, 1, 2, 3, 4] and overlap == [False] * 5
    assert threading.current_thread() is threading.main_thread()  # callbacks came back here


def test_success_and_failure_come_back_on_the_gui_thread(qtbot: QtBot, manager: TaskManager) -> None:
    errors: list[BaseException] = []
    ops = Operations(on_error=errors.append, manager=manager)
    threads: list[threading.Thread] = []

    def boom() -> None:
        raise UserFacingError("case.not_found", case_no="X")

    ops.run(lambda: 1, lambda _r: threads.append(threading.current_thread()))
    ops.run(boom)  # no failure callback: the window's on_error
    qtbot.waitUntil(lambda: len(errors) == 1 and len(threads) == 1, timeout=WAIT)
    assert threads == [threading.main_thread()]
    assert isinstance(errors[0], UserFacingError) and errors[0].code == "case.not_found"


def test_exclusive_op_waits_for_pool_tasks_that_use_the_database_and_holds_new_ones(
    qtbot: QtBot, manager: TaskManager
) -> None:
    ops = Operations(on_error=pytest.fail, manager=manager)
    task_in, task_go = threading.Event(), threading.Event()
    log: list[str] = []

    def long_task() -> None:  # e.g. a sync run: its own sessions, outside the DB executor
        task_in.set()
        task_go.wait(WAIT / 1000)
        log.append("task done")

    ops.background(long_task, uses_db=True)
    assert task_in.wait(WAIT / 1000)
    done: list[str] = []
    ops.run(lambda: log.append("exclusive"), lambda _r: done.append("x"), exclusive=True)
    # A plain pool task (no database) is not held up by the waiting exclusive op ...
    free = ops.background(lambda: log.append("free pool task"))
    qtbot.waitUntil(free.done, timeout=WAIT)
    # ... but a DB-using one submitted after it waits until the exclusive op is over.
    later = ops.background(lambda: log.append("later db task"), uses_db=True)
    assert "exclusive" not in log  # still waiting for the running task
    task_go.set()
    qtbot.waitUntil(lambda: later.done() and done == ["x"], timeout=WAIT)
    assert log.index("task done") < log.index("exclusive") < log.index("later db task")


def test_exclusive_op_runs_after_every_db_op_queued_before_it(qtbot: QtBot, manager: TaskManager) -> None:
    ops = Operations(on_error=pytest.fail, manager=manager)
    gate = threading.Event()
    log: list[str] = []
    ops.run(lambda: (gate.wait(WAIT / 1000), log.append("first")))
    ops.run(lambda: log.append("second"))
    finished = ops.run(lambda: log.append("exclusive"), exclusive=True)
    ops.run(lambda: log.append("after"))
    gate.set()
    qtbot.waitUntil(lambda: finished.done() and len(log) == 4, timeout=WAIT)
    assert log == ["first", "second", "exclusive", "after"]


def test_shutdown_drops_queued_ops_lets_the_running_one_finish_and_refuses_new_ones(
    qtbot: QtBot, manager: TaskManager
) -> None:
    ops = Operations(on_error=pytest.fail, manager=manager)
    started, go = threading.Event(), threading.Event()
    log: list[str] = []
    running = ops.run(lambda: (started.set(), go.wait(WAIT / 1000), log.append("running")))
    queued = ops.run(lambda: log.append("queued"))
    assert started.wait(WAIT / 1000)
    queued.add_done_callback(lambda _f: go.set())  # shutdown() drops it first, then waits for the running op
    ops.shutdown()
    assert running.done() and not running.cancelled() and queued.cancelled()
    assert log == ["running"]
    late = ops.run(lambda: log.append("late"))
    assert late.cancelled()
    # Another window's handle on the same manager still works.
    other = Operations(on_error=pytest.fail, manager=manager)
    results: list[int] = []
    other.run(lambda: 7, results.append)
    qtbot.waitUntil(lambda: results == [7], timeout=WAIT)


def test_cancel_token_stops_long_work_between_chunks_and_the_caller_gets_cancelled(
    qtbot: QtBot, manager: TaskManager
) -> None:
    ops = Operations(on_error=pytest.fail, manager=manager)
    token = CancelToken()
    chunk_done = threading.Event()
    chunks: list[int] = []
    failures: list[BaseException] = []

    def work() -> int:
        for n in range(1000):
            token.check()
            chunks.append(n)
            chunk_done.set()
            if n == 0:
                proceed.wait(WAIT / 1000)
        return len(chunks)

    proceed = threading.Event()
    ops.background(work, pytest.fail, failures.append)
    assert chunk_done.wait(WAIT / 1000)
    token.cancel()
    proceed.set()
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT)
    assert isinstance(failures[0], Cancelled) and chunks == [0]


def test_changes_and_initiator_reach_every_handle_after_the_op_callback(
    qtbot: QtBot, manager: TaskManager, db: Database
) -> None:
    mine = Operations(on_error=pytest.fail, manager=manager)
    other_window = Operations(on_error=pytest.fail, manager=manager)
    seen_mine: list[OpChanges] = []
    seen_other: list[OpChanges] = []
    mine.changes_applied.connect(seen_mine.append)
    other_window.changes_applied.connect(seen_other.append)
    order: list[str] = []
    screen = object()

    def write() -> None:
        from models.orm import HolidayOverride

        with db.write() as session:
            session.add(HolidayOverride(**_holiday()))

    def read() -> int:
        with db.read() as session:
            return int(session.scalar(text("select count(*) from holiday_override")) or 0)

    mine.changes_applied.connect(lambda _c: order.append("changes"))
    mine.run(read, lambda _n: order.append("read done"))
    mine.run(write, lambda _r: order.append("write done"), initiator=screen)
    qtbot.waitUntil(lambda: len(seen_other) == 1, timeout=WAIT)
    assert order == ["read done", "write done", "changes"]  # a read changes nothing: no signal
    assert seen_mine == seen_other == [OpChanges(frozenset({"holiday_override"}), screen)]
    assert seen_mine[0].touches("holiday_override") and not seen_mine[0].touches("case")
    assert seen_mine[0].initiator is screen  # the screen that made the edit can skip it


def test_a_rolled_back_write_changed_nothing(db: Database) -> None:
    from models.orm import HolidayOverride

    with track_changes() as changed:
        with pytest.raises(RuntimeError), db.write() as session:
            session.add(HolidayOverride(**_holiday()))
            session.flush()
            raise RuntimeError("refused half-way")
        assert changed == set()
        with db.write() as session:
            session.execute(text("select 1"))  # a write session that wrote nothing
        assert changed == set()
        with db.write() as session:
            from sqlalchemy import delete

            session.execute(delete(HolidayOverride))  # a bulk statement counts too
        assert changed == {"holiday_override"}


def test_throttle_passes_the_first_the_last_and_at_most_ten_a_second() -> None:
    now = [0.0]
    throttle = ProgressThrottle(10, lambda: now[0])
    passed = []
    for n in range(1, 101):  # 100 reports over 0.99 s
        now[0] = (n - 1) * 0.01
        if throttle.due(Progress(n, 100, f"case {n}")):
            passed.append(n)
    assert passed[0] == 1 and passed[-1] == 100
    assert len(passed) <= 11  # 10 a second, plus the final one
    assert all(b - a >= 10 for a, b in itertools.pairwise(passed[:-1]))
    phases = ProgressThrottle(10, lambda: 5.0, phases=True)
    assert phases.due(Progress(1, 10, "media")) and not phases.due(Progress(2, 10, "media"))
    assert phases.due(Progress(0, 3, "cases"))  # a new phase is always shown


def test_progress_reporter_throttles_on_the_gui_thread_and_its_dialog_waits(
    qtbot: QtBot, manager: TaskManager
) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    reporter = manager.progress(parent, title="t", label=lambda p: f"{p.done}/{p.total}", cancel_text="取消")
    got: list[Progress] = []
    reporter.reported.connect(got.append)
    ops = Operations(on_error=pytest.fail, manager=manager)
    finished: list[bool] = []

    def work() -> bool:
        for n in range(1, 501):
            reporter.report(Progress(n, 500))
        return True

    ops.background(work, finished.append)
    assert reporter.dialog is None  # not at once
    qtbot.waitUntil(lambda: bool(finished) and got and got[-1].done == 500, timeout=WAIT)
    assert len(got) < 500 and got[0].done == 1  # throttled: the first and the last among them
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=WAIT)
    assert reporter.dialog is not None and reporter.dialog.labelText() == "500/500"
    reporter.dialog.close()  # closing only sets the flag
    assert reporter.token.cancelled
    reporter.finish()
    assert reporter.dialog is None


def test_db_call_runs_a_short_db_op_from_a_pool_task(qtbot: QtBot, manager: TaskManager) -> None:
    ops = Operations(on_error=pytest.fail, manager=manager)
    threads: dict[str, str] = {}

    def pool_task() -> int:
        threads["pool"] = threading.current_thread().name
        return manager.db_call(lambda: threads.setdefault("db", threading.current_thread().name) and 3)

    results: list[Any] = []
    ops.background(pool_task, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT)
    assert results == [3] and threads["pool"].startswith("task-pool") and threads["db"].startswith("db-op")
    inner: Future[int] = manager.run_db(lambda: manager.db_call(lambda: 1))
    qtbot.waitUntil(inner.done, timeout=WAIT)
    assert isinstance(inner.exception(), RuntimeError)  # it would wait for itself
    holding: Future[int] = manager.run_pool(lambda: manager.db_call(lambda: 1), uses_db=True)
    qtbot.waitUntil(holding.done, timeout=WAIT)
    assert isinstance(holding.exception(), RuntimeError)  # an exclusive op could deadlock with it


def _holiday() -> dict[str, Any]:
    import datetime as dt

    return {"day": dt.date(2026, 10, 1), "is_workday": False, "note": "国庆节"}


def test_nothing_else_in_desktop_starts_threads() -> None:
    """STYLE.md section 3: the task manager owns desktop/'s threads (devices own theirs)."""
    import ast

    root = Path(__file__).resolve().parents[1] / "desktop"
    starters = {"Thread", "ThreadPoolExecutor", "ProcessPoolExecutor", "QThread", "QThreadPool", "Timer"}
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "taskman.py" and path.parent == root:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in starters:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {name}")
    assert found == []
    assert "ThreadPoolExecutor(" in (root / "taskman.py").read_text(encoding="utf-8")  # the scan sees calls


def test_the_case_desk_refreshes_on_case_changes_only(qtbot: QtBot, demo_store: Any) -> None:
    """A material write (which never set ``mutates=``) refreshes the desk; an audit-only write
    (e.g. the screen lock's record) does not."""
    from sqlalchemy import select, update

    from desktop.case_desk import CaseDesk
    from models.orm import Case, HolidayOverride

    ops = Operations(on_error=pytest.fail)
    desk = CaseDesk(demo_store.db, ops)
    qtbot.addWidget(desk)
    loads: list[int] = []
    desk.rows_loaded.connect(loads.append)
    with qtbot.waitSignal(desk.rows_loaded, timeout=WAIT):
        desk.refresh()
    loads.clear()

    def other_table() -> None:
        with demo_store.db.write() as session:
            session.add(HolidayOverride(**_holiday()))

    def touch_a_case() -> None:
        with demo_store.db.write() as session:
            case_id = session.scalar(select(Case.id).limit(1))
            session.execute(update(Case).where(Case.id == case_id).values(updated_at=Case.updated_at))

    seen: list[OpChanges] = []
    ops.changes_applied.connect(seen.append)
    ops.run(other_table)
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=WAIT)
    with qtbot.waitSignal(desk.rows_loaded, timeout=WAIT):
        ops.run(touch_a_case)
    done: list[bool] = []
    ops.run(lambda: True, done.append)  # after every refresh op queued so far: loads are final
    qtbot.waitUntil(lambda: done == [True], timeout=WAIT)
    assert seen[0].tables == frozenset({"holiday_override"}) and seen[1].touches("case")
    assert len(loads) == 1  # the case change only
    ops.shutdown()
