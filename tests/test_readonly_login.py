"""A station that cannot be written still lets a clerk sign in, search, view and print, and
nothing audited is lost (issue 10 item 3, docs/reliability.md "Read-only mode"):

- a real protected demo station whose data directory the write probe finds read-only, signed in
  through the login dialog of the real app (desktop/app.py ``make_login_dialog`` →
  ``open_and_login``), a case looked up and its receipt printed to a PDF; the login, print and
  logout entries wait in an encrypted spool outside the data directory and join the hash chain,
  with their original times, at the next login once the directory is writable;
- a database that SQLite reports full (``max_page_count``: SQLite's real SQLITE_FULL path) defers
  entries to a spool beside the database, and they are flushed in order once it has room.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event, select

from models import audit, clock, deferred_log
from models.orm import AuditEntry, Case, PrintLog
from models.paths import DataPaths
from models.store import Store


def _pdf_printer(path: Path) -> Any:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(100)
    return printer


def _sign_in(qtbot: QtBot, paths: DataPaths, login: str, password: str) -> Any:
    from PySide6.QtCore import Qt

    from desktop.app import make_login_dialog

    dialog = make_login_dialog(paths, demo=False)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(dialog.login_edit, login)
    qtbot.keyClicks(dialog.password_edit, password)
    with qtbot.waitSignal(dialog.logged_in, timeout=20_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return dialog.outcome


def test_read_only_station_signs_in_views_prints_and_audits_later(
    qtbot: QtBot, tongban_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import models.store
    from desktop.app import prepare_station
    from desktop.case_detail import load_record
    from desktop.print_service import PrintService
    from models.security import auth
    from models.security.vault import Credentials

    paths = DataPaths(tongban_home)
    assert prepare_station(paths, demo=True)  # the encrypted demo station
    spool_dir = tmp_path / "spool"
    monkeypatch.setenv(deferred_log.ENV_SPOOL_DIR, str(spool_dir))
    # The probe open_store uses finds the data directory not writable (as on write-protected
    # media; the tests run as root, for whom chmod does not make a directory read-only).
    with monkeypatch.context() as probe:
        probe.setattr(models.store, "is_writable", lambda _directory: False)
        store, clerk = _sign_in(qtbot, paths, "shouli", "demo-shouli")
        try:
            assert store.read_only and clerk.login == "shouli"
            with store.db.read() as session:
                case = session.scalar(select(Case).where(Case.item_code == "002036001003"))
                assert case is not None
                case_no, case_id = case.case_no, case.id
                audited_before = len(audit.entries(session))
            # View: the detail loads (masked: a full view could not be audited now).
            record = load_record(store.db, case_no, clerk.clerk_id, clock.today_local())
            assert record["case_no"] == case_no and record["full"] is False and record["events"]

            # Print: the page is painted, the log entry waits.
            service = PrintService(store.db, clerk.clerk_id)
            job = service.render_case(case_id, "receipt")
            out = tmp_path / "receipt.pdf"
            assert not service.is_reprint("receipt", case_id)
            assert service.print_job(job, _pdf_printer(out)) is False
            assert out.stat().st_size > 0
            assert service.is_reprint("receipt", case_id)  # the waiting print counts
            auth.logout(store, clerk)

            waiting = deferred_log.pending(store.db)
            assert [e.action for e in waiting] == ["login", "print", "logout"]
            assert waiting[1].target == f"case:{case_no}/receipt"
            # The spool is outside the read-only data directory, and sealed: no case number in clear.
            spooled = list(spool_dir.glob("*.jsonl"))
            assert len(spooled) == 1 and not (paths.root / deferred_log.SPOOL_NAME).exists()
            raw = spooled[0].read_text()
            assert (
                case_no not in raw and "shouli" not in raw and all("sealed" in json.loads(x) for x in raw.splitlines())
            )
        finally:
            store.close()

    # A new process (nothing in memory) once the directory is writable: the next login flushes.
    deferred_log._memory.clear()
    store, admin = auth.open_and_login(paths, Credentials("shenhe", "demo-shenhe"))
    try:
        assert not store.read_only and admin.login == "shenhe"
        assert not deferred_log.pending(store.db) and not list(spool_dir.glob("*.jsonl"))
        with store.db.read() as session:
            assert audit.verify(session).ok
            new = sorted(audit.entries(session)[: len(audit.entries(session)) - audited_before], key=lambda e: e.seq)
            assert [(e.action, e.clerk_login) for e in new] == [
                ("login", "shouli"),
                ("print", "shouli"),
                ("logout", "shouli"),
                ("login", "shenhe"),
            ]
            for entry, was in zip(new, waiting, strict=False):
                detail = json.loads(entry.detail)
                assert detail["deferred"] == was.id and entry.at == was.at  # the original time
            row = session.scalar(select(PrintLog).where(PrintLog.case_id == case_id))
            assert row is not None and row.at == waiting[1].at and row.clerk_id == clerk.clerk_id
            assert not row.reprint
    finally:
        store.close()


def test_a_full_database_defers_entries_and_flushes_them_in_order(demo_store: Store) -> None:
    from models.enums import ClerkRole
    from models.security.auth import ClerkSession

    db = demo_store.db
    with db.read() as session:
        before = len(audit.entries(session))
    pages = 0

    def limit(dbapi_conn: Any, _record: Any) -> None:  # SQLite's own "database or disk is full"
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    with db.read() as session:
        pages = int(session.connection().exec_driver_sql("PRAGMA page_count").scalar() or 0)
    db.engine.dispose()
    event.listen(db.engine, "connect", limit)
    who = ClerkSession(0, "shouli", "受理员甲", ClerkRole.INTAKE)
    written = [
        deferred_log.record_audit(db, "lock", "clerk:shouli", clerk=who, detail={"n": n, "pad": "x" * 3000})
        for n in range(40)
    ]
    assert False in written, "the database never filled up"
    first_deferred = written.index(False)
    assert all(w is False for w in written[first_deferred:])  # full stays full
    spool = demo_store.paths.root / deferred_log.SPOOL_NAME
    assert spool.exists()  # beside the database: the directory itself could still be written
    assert len(deferred_log.pending(db)) == 40 - first_deferred

    event.remove(db.engine, "connect", limit)
    db.engine.dispose()  # room again
    assert deferred_log.flush(db) == 40 - first_deferred
    assert not spool.exists() and not deferred_log.pending(db)
    with db.read() as session:
        assert audit.verify(session).ok
        rows = sorted(audit.entries(session)[: len(audit.entries(session)) - before], key=lambda e: e.seq)
    assert [json.loads(r.detail)["n"] for r in rows] == list(range(40))
    assert all(("deferred" in json.loads(r.detail)) == (n >= first_deferred) for n, r in enumerate(rows))
    assert [r.at for r in rows] == sorted(r.at for r in rows)
    assert isinstance(rows[0], AuditEntry)


def test_batch_import_is_refused_on_a_read_only_store(qtbot: QtBot, demo_store: Store, tmp_path: Path) -> None:
    from desktop.batch_import import BatchImportDialog
    from desktop.durability_banner import banner_lines
    from desktop.operations import Operations
    from models.catalog import load_catalog
    from models.enums import StationLevel
    from models.store import open_store

    demo_store.close()
    ro = open_store(demo_store.paths, read_only=True)
    ops = Operations(on_error=lambda exc: None)
    try:
        dialog = BatchImportDialog(
            ro.db, ops, load_catalog(), StationLevel.TOWNSHIP, None, choose_open=lambda _p: str(tmp_path / "x.csv")
        )
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.import_button.isEnabled() and dialog.check_button.isEnabled()
        assert "只读" in dialog.summary.text()
        dialog.start_import()  # e.g. from a shortcut: refused before anything runs
        assert not ops.busy and dialog.report is None and "只读" in dialog.summary.text()
        dialog._busy(False)  # the end of a 校验 does not re-enable it
        assert not dialog.import_button.isEnabled()
    finally:
        ops.shutdown()
        ro.close()
    (line,) = banner_lines(read_only=True, free_mb=900, floor_mb=50, disk_low=False, clock=None)
    assert "打印" in line.text and "补记" in line.text and "批量导入" in line.text


def test_an_unwritable_keyring_still_gives_the_real_answer(
    tongban_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On read-only media the failure count cannot be saved: a wrong password is still "wrong
    password" (not an internal error) and the right one still opens the station."""
    import errno

    from models.errors import UserFacingError
    from models.security import auth
    from models.security.keyring import FailureLog, Keyring
    from models.security.setup import ensure_demo
    from models.security.vault import Credentials

    paths = DataPaths(tongban_home)
    st, _recovery, _summary = ensure_demo(paths)
    st.close()

    def read_only(_self: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Keyring, "save", read_only)
    monkeypatch.setattr(FailureLog, "save", read_only)
    for _attempt in range(2):
        with pytest.raises(UserFacingError) as wrong:
            auth.open_and_login(paths, Credentials("shouli", "not-the-password"))
        assert wrong.value.code == "auth.bad_credentials"
    store, clerk = auth.open_and_login(paths, Credentials("shouli", "demo-shouli"))
    try:
        assert clerk.login == "shouli"
    finally:
        auth.logout(store, clerk)
        store.close()


def test_the_fallback_spool_follows_no_planted_symlink(
    tongban_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17 item 17: a symlink planted at the spool's name in the shared fallback directory
    redirected the held audit lines into any file; a directory others can write is refused."""
    import os

    from models.store import open_store

    paths = DataPaths(tongban_home)
    from models.security.setup import ensure_demo

    st, _recovery, _summary = ensure_demo(paths)
    st.close()
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o700)
    monkeypatch.setenv(deferred_log.ENV_SPOOL_DIR, str(shared))
    store = open_store(paths, read_only=True)
    try:
        victim = tmp_path / "victim.txt"
        victim.write_text("do not touch\n")
        planted = deferred_log._spool_path(store.db, shared)
        planted.symlink_to(victim)
        deferred_log.record_audit(store.db, "login", "clerk:shouli", clerk=None)
        assert victim.read_text() == "do not touch\n"  # nothing appended through the link
        assert planted.is_symlink() and deferred_log.pending(store.db)  # kept in memory instead
        planted.unlink()
        os.chmod(shared, 0o777)  # anyone may write here: not used
        deferred_log.record_audit(store.db, "logout", "clerk:shouli", clerk=None)
        assert not planted.exists()
        os.chmod(shared, 0o700)
        deferred_log.record_audit(store.db, "logout", "clerk:shouli", clerk=None)
        assert planted.is_file() and not planted.is_symlink()
    finally:
        store.close()
