"""管理 menu: the audit log window and the clerk administration window (issue 9), on the encrypted
demo station (real SQLCipher file, real keyring, real key rotation inside the running window).
Saves the screenshots admin-audit.png and admin-users.png (see tests/update_docs.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from models import audit
from models.db import connect_raw
from models.enums import ClerkRole
from models.errors import UserFacingError
from models.security import clerks, vault
from models.security.auth import ClerkSession, open_and_login, start_session
from models.security.vault import Credentials
from models.store import Store

TIMEOUT = 20_000


def _window(qtbot: QtBot, store: Store, clerk: ClerkSession, monkeypatch: pytest.MonkeyPatch) -> Any:
    from desktop.main_window import MainWindow

    monkeypatch.setenv("TONGBAN_CARD_BACKEND", "none")
    win = MainWindow(store, "演示镇医保服务站", "522701001", "乡镇", clerk=clerk)
    qtbot.addWidget(win)
    return win


def _ime(widget: Any, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _cells(table: Any, col: int) -> list[str]:
    return table.column_texts(col)


def _select(window: Any, login: str) -> None:
    row = [r.login for r in window.rows].index(login)
    window.table.selectRow(row)
    assert window.selected_login() == login


def test_admin_views_filters_verifies_and_exports_the_audit_log(
    qtbot: QtBot, protected_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, screenshots: Path
) -> None:
    admin = start_session(protected_store)
    main = _window(qtbot, protected_store, admin, monkeypatch)
    assert main.audit_action.isEnabled() and main.users_action.isEnabled()
    main.audit_action.trigger()  # 管理 → 审计日志
    log = main.audit_window  # loads on the DB worker; the rows arrive through the event loop
    with qtbot.waitSignal(log.rows_loaded, timeout=TIMEOUT) as loaded:
        pass
    page = loaded.args[0]
    assert log.table.rowCount() == len(page.rows) > 0 and not log.isModal()
    assert _cells(log.table, 4)[0] == "login" and _cells(log.table, 2)[0] == "admin"
    seqs = [int(s) for s in _cells(log.table, 0)]
    assert seqs == sorted(seqs, reverse=True)  # newest first
    assert "admin" in [log.clerk_box.itemData(i) for i in range(log.clerk_box.count())]

    # Filters: an action prefix, a clerk, a start date.
    qtbot.keyClicks(log.action_edit, "station.")
    with qtbot.waitSignal(log.rows_loaded, timeout=TIMEOUT):
        log.search_button.click()
    assert log.table.rowCount() >= 1 and all(a.startswith("station.") for a in _cells(log.table, 4))
    log.action_edit.clear()
    log.clerk_box.setCurrentIndex(log.clerk_box.findData("admin"))
    with qtbot.waitSignal(log.rows_loaded, timeout=TIMEOUT):
        log.search_button.click()
    assert log.table.rowCount() >= 1 and set(_cells(log.table, 2)) == {"admin"}
    log.since_check.setChecked(True)
    log.since_edit.setDate(QDate.currentDate().addDays(2))
    with qtbot.waitSignal(log.rows_loaded, timeout=TIMEOUT):
        log.search_button.click()
    assert log.table.rowCount() == 0 and "共 0 条" in log.count_label.text()
    log.since_check.setChecked(False)
    log.clerk_box.setCurrentIndex(0)
    with qtbot.waitSignal(log.rows_loaded, timeout=TIMEOUT):
        log.search_button.click()
    total = log.table.rowCount()

    # 校验 on the worker: the chain is intact.
    with qtbot.waitSignal(log.verified, timeout=TIMEOUT) as verified:
        log.verify_button.click()
    assert verified.args[0].ok and "审计日志完整" in log.verify_label.text()

    # 导出: through the replaceable chooser; the export is audited and shows up in the list.
    target = tmp_path / "audit.csv"
    offered: list[Path] = []
    log.choose_export_path = lambda _parent, suggested, fmt: offered.append(suggested) or target
    with qtbot.waitSignal(log.exported, timeout=TIMEOUT) as exported:
        log.export_button.click()
    assert offered and offered[0].parent == protected_store.paths.exports and offered[0].suffix == ".csv"
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == exported.args[0] >= total and rows[0]["seq"] == "1"
    assert "已导出" in log.message.text()
    qtbot.waitUntil(lambda: _cells(log.table, 4)[:1] == ["audit.export"], timeout=TIMEOUT)
    with protected_store.db.read() as session:
        entry = audit.entries(session, action="audit.export", limit=1)[0]
        assert entry.clerk_login == "admin" and json.loads(entry.detail) == {"entries": len(rows), "format": "csv"}
    # JSON as well, same core path as `tongban audit export --format json`.
    log.format_box.setCurrentIndex(log.format_box.findData("json"))
    log.choose_export_path = lambda _parent, _suggested, _fmt: tmp_path / "audit.json"
    with qtbot.waitSignal(log.exported, timeout=TIMEOUT):
        log.export_button.click()
    assert json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))[-1]["action"] == "audit.export"
    qtbot.waitUntil(lambda: log.table.rowCount() > total, timeout=TIMEOUT)
    log.resize(1200, 560)
    assert log.grab().save(str(screenshots / "admin-audit.png"))

    # An edited entry: 校验 names the first broken one.
    con = connect_raw(protected_store.paths.database)
    try:
        con.execute("UPDATE audit_log SET target = 'clerk:someone-else' WHERE seq = 2")
        con.commit()
    finally:
        con.close()
    with qtbot.waitSignal(log.verified, timeout=TIMEOUT) as verified:
        log.verify_button.click()
    assert not verified.args[0].ok
    assert "第 2 条审计记录内容被修改" in log.verify_label.text()


def test_an_intake_clerk_is_refused_in_the_menu_and_in_the_core(
    qtbot: QtBot, protected_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = start_session(protected_store)
    shouli = ClerkSession(clerk_id=2, login="shouli", name="受理员", role=ClerkRole.INTAKE)
    main = _window(qtbot, protected_store, shouli, monkeypatch)
    assert not main.audit_action.isEnabled() and not main.users_action.isEnabled()
    # Opened all the same (say, left open by the admin before a clerk switch): the core refuses.
    log = main.open_audit_log()
    qtbot.waitUntil(lambda: "无权" in log.message.text(), timeout=TIMEOUT)
    assert log.table.rowCount() == 0 and not log.export_button.isEnabled()
    users = main.open_clerk_admin()
    qtbot.waitUntil(lambda: "无权" in users.status.text(), timeout=TIMEOUT)
    assert users.table.rowCount() == 0 and not users.add_button.isEnabled()
    with pytest.raises(UserFacingError) as refused:
        clerks.list_clerks(protected_store, shouli)
    assert refused.value.code == "auth.forbidden"
    with pytest.raises(UserFacingError), protected_store.db.write() as session:
        audit.export_file(session, protected_store.paths.exports / "x.csv", clerk=shouli)
    assert not (protected_store.paths.exports / "x.csv").exists()
    # The admin signs in at the same counter: the menu and the open windows follow.
    with qtbot.waitSignal(log.rows_loaded, timeout=TIMEOUT):
        main.set_clerk(admin)
    assert main.audit_action.isEnabled() and log.table.rowCount() > 0 and log.export_button.isEnabled()
    qtbot.waitUntil(lambda: users.table.rowCount() == 5, timeout=TIMEOUT)


def test_admin_adds_changes_resets_unlocks_and_disables_with_key_rotation(
    qtbot: QtBot, protected_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, screenshots: Path
) -> None:
    paths = protected_store.paths
    admin = start_session(protected_store)
    main = _window(qtbot, protected_store, admin, monkeypatch)
    users = main.open_clerk_admin()
    with qtbot.waitSignal(users.clerks_loaded, timeout=TIMEOUT) as loaded:
        pass
    assert {r.login for r in loaded.args[0]} == {"admin", "shouli", "shenhe", "dayin", "tongbu"}
    assert users.table.rowCount() == 5 and not users.disable_button.isEnabled()  # nothing selected

    # 新增: the passwords must match, then the policy applies, then the clerk exists.
    qtbot.keyClicks(users.login_edit, "wangwu")
    _ime(users.name_edit, "王五")
    users.role_box.setCurrentIndex(users.role_box.findData("受理员"))
    qtbot.keyClicks(users.password_edit, "first-pass-1")
    qtbot.keyClicks(users.again_edit, "first-pass-2")
    users.add_button.click()
    assert "两次输入的新密码不一致" in users.add_message.text()
    users.password_edit.clear()
    users.again_edit.clear()
    qtbot.keyClicks(users.password_edit, "short")
    qtbot.keyClicks(users.again_edit, "short")
    with qtbot.waitSignal(users.failed, timeout=TIMEOUT):
        users.add_button.click()
    assert "密码至少需要8位" in users.add_message.text()
    users.password_edit.clear()
    users.again_edit.clear()
    qtbot.keyClicks(users.password_edit, "first-pass-1")
    qtbot.keyClicks(users.again_edit, "first-pass-1")
    with qtbot.waitSignal(users.clerks_loaded, timeout=TIMEOUT):
        users.add_button.click()
    assert "已新增经办人员 wangwu" in users.add_message.text() and users.password_edit.text() == ""
    assert "wangwu" in _cells(users.table, 0) and "王五" in _cells(users.table, 1)
    _login_works(paths, "wangwu", "first-pass-1", ClerkRole.INTAKE)

    # 修改角色
    _select(users, "wangwu")
    users.new_role_box.setCurrentIndex(users.new_role_box.findData("审核员"))
    with qtbot.waitSignal(users.clerks_loaded, timeout=TIMEOUT):
        users.role_button.click()
    assert "审核员" in users.selected_message.text()
    _login_works(paths, "wangwu", "first-pass-1", ClerkRole.REVIEWER)

    # 重置密码
    _select(users, "wangwu")
    qtbot.keyClicks(users.new_password_edit, "second-pass-2")
    qtbot.keyClicks(users.new_again_edit, "second-pass-2")
    with qtbot.waitSignal(users.clerks_loaded, timeout=TIMEOUT):
        users.reset_button.click()
    assert "已重置 wangwu 的密码" in users.selected_message.text()
    _login_works(paths, "wangwu", "second-pass-2", ClerkRole.REVIEWER)
    with pytest.raises(UserFacingError):
        open_and_login(paths, Credentials("wangwu", "first-pass-1"))

    # 解除锁定: five wrong passwords lock the login; the window shows it and lifts it.
    for _ in range(vault.MAX_FAILURES):
        with pytest.raises(UserFacingError):
            vault.unlock(paths, Credentials("wangwu", "wrong-password"))
    with qtbot.waitSignal(users.clerks_loaded, timeout=TIMEOUT):
        users.refresh()
    row = _cells(users.table, 0).index("wangwu")
    assert users.table.text(row, 4) == "已锁定"
    _select(users, "wangwu")
    assert users.unlock_button.isEnabled()
    with qtbot.waitSignal(users.clerks_loaded, timeout=TIMEOUT):
        users.unlock_button.click()
    assert users.table.text(_cells(users.table, 0).index("wangwu"), 4) == ""
    _login_works(paths, "wangwu", "second-pass-2", ClerkRole.REVIEWER)

    # 停用: refused without confirmation; the admin cannot disable themself.
    asked: list[str] = []
    users.confirm = lambda question: asked.append(question) or False
    _select(users, "wangwu")
    users.disable_button.click()
    assert asked and "wangwu" in asked[0] and users.rows[_cells(users.table, 0).index("wangwu")].active
    users.confirm = lambda _question: True
    _select(users, "admin")
    with qtbot.waitSignal(users.failed, timeout=TIMEOUT):
        users.disable_button.click()
    assert "不能停用当前登录的账号" in users.selected_message.text()

    # 停用 wangwu: the data key is rotated inside the running counter, the new recovery key shown once.
    old_key_id = vault.load_keyring(paths).key_id
    _select(users, "wangwu")
    with qtbot.waitSignal(users.rotated, timeout=60_000) as rotated:
        users.disable_button.click()
    outcome = rotated.args[0]
    new_key_id = vault.load_keyring(paths).key_id
    assert new_key_id != old_key_id
    assert outcome.result.key_id == new_key_id and "已停用经办人员 wangwu" in users.selected_message.text()
    dialog = users.recovery_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert dialog.key_edit.text() == outcome.result.recovery_key and dialog.key_edit.isReadOnly()
    assert vault.key_id(vault.unlock(paths, Credentials(recovery_key=dialog.key_edit.text())).data_key) == new_key_id
    qtbot.waitUntil(lambda: not users.busy and "wangwu" in _cells(users.table, 0), timeout=TIMEOUT)
    assert users.table.text(_cells(users.table, 0).index("wangwu"), 3) == "已停用"
    with pytest.raises(UserFacingError) as refused:
        open_and_login(paths, Credentials("wangwu", "second-pass-2"))
    assert refused.value.code == "auth.bad_credentials"
    _login_works(paths, "shouli", "demo-shouli", ClerkRole.INTAKE)  # the others were re-wrapped

    # The running counter goes on, on the new key: the case desk reads, the audit chain is intact.
    with qtbot.waitSignal(main.case_desk.rows_loaded, timeout=TIMEOUT):
        main.case_desk.refresh()
    assert main.case_desk.table.source.rowCount() > 0
    with main.store.db.read() as session:
        assert audit.verify(session).ok
        actions = [e.action for e in audit.entries(session, limit=20)]
    assert {"clerk.add", "clerk.role", "clerk.reset_password", "clerk.unlock", "clerk.disable", "key.rotate"} <= set(
        actions
    )

    # 打印: a PDF of the key through the usual preview; closing the dialog clears the key.
    pdf = dialog.render_pdf()
    text = _pdf_text(pdf)
    assert "恢复密钥" in text and outcome.result.recovery_key.split("-")[0] in text and new_key_id in text
    preview = dialog.print_key()
    assert preview.isVisible() and len(preview.page_labels) == 1
    users.resize(1200, 640)
    assert users.grab().save(str(screenshots / "admin-users.png"))
    printed = tmp_path / "recovery-key.pdf"

    def to_file(printer: Any, _parent: Any) -> bool:
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(72)
        return True

    preview._choose = to_file
    with qtbot.waitSignal(preview.printed, timeout=TIMEOUT):
        preview.print_button.click()  # painted, logged and audited like any print
    assert printed.stat().st_size > 0
    with main.store.db.read() as session:
        entry = audit.entries(session, action="print", limit=1)[0]
        assert entry.target == "document:recovery_key" and entry.clerk_login == "admin"
        assert outcome.result.recovery_key.split("-")[0] not in entry.detail
    dialog.close_button.click()
    assert not dialog.isVisible() and dialog.key_edit.text() == "" and dialog.preview is None


def test_rotation_refused_while_another_program_has_the_station_open_keeps_the_counter_working(
    qtbot: QtBot, protected_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another counter (a second store, a connection with a read done) blocks the exclusive lock:
    the window says so, nothing changed, and this counter keeps reading on the old key."""
    from sqlalchemy import func, select

    from models.orm import Case

    paths = protected_store.paths
    admin = start_session(protected_store)
    main = _window(qtbot, protected_store, admin, monkeypatch)
    users = main.open_clerk_admin()
    qtbot.waitUntil(lambda: users.table.rowCount() == 5, timeout=TIMEOUT)
    before = vault.load_keyring(paths).key_id
    other, _clerk = open_and_login(paths, Credentials("shouli", "demo-shouli"))
    try:
        with other.db.read() as session:
            session.scalar(select(func.count()).select_from(Case))
        users.confirm = lambda _question: True
        with qtbot.waitSignal(users.failed, timeout=TIMEOUT):
            users.rotate_button.click()
    finally:
        other.close()
    assert "请先关闭本机所有正在使用本服务点数据的柜台程序" in users.status.text()
    assert vault.load_keyring(paths).key_id == before and users.recovery_dialog is None
    with qtbot.waitSignal(main.case_desk.rows_loaded, timeout=TIMEOUT):
        main.case_desk.refresh()
    assert main.case_desk.table.source.rowCount() > 0
    # Sync running: refused before anything is touched.
    monkeypatch.setattr(users.sync, "hold", lambda: False)  # a run is going (see test_sync_center)
    _select(users, "dayin")
    users.disable_button.click()
    assert "正在同步" in users.selected_message.text()
    assert users.rows[[r.login for r in users.rows].index("dayin")].active


def _login_works(paths: Any, login: str, password: str, role: ClerkRole) -> None:
    """A real login through models.security.auth (a second store on the same file, closed again)."""
    store, who = open_and_login(paths, Credentials(login, password))
    try:
        assert who.login == login and who.role is role
    finally:
        store.close()


def _pdf_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return "".join(page.get_textpage().get_text_range().replace("\r\n", "\n") for page in doc)
    finally:
        doc.close()


def test_recovery_key_sheet_renders_the_key_in_groups() -> None:
    from printing.recovery_key import RecoveryKeyData, render_recovery_key

    key = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
    pdf = render_recovery_key(
        RecoveryKeyData(
            "演示镇医保服务站",
            "522701001",
            "0123456789abcdef",
            dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC),
            "admin",
            key,
        )
    )
    text = _pdf_text(pdf)
    assert "ABCD-EFGH-IJKL-MNOP" in text and "QRST-UVWX-YZ23-4567" in text
    assert "演示镇医保服务站" in text and "0123456789abcdef" in text and "2026-03-02 09:30" in text


def test_screen_lock_hides_the_admin_windows_until_unlocked(
    qtbot: QtBot, protected_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.screen_lock import CounterSession

    admin = start_session(protected_store)
    main = _window(qtbot, protected_store, admin, monkeypatch)
    main.attach_session(CounterSession(protected_store, admin, main, minutes=0))
    main.show()
    log, users = main.open_audit_log(), main.open_clerk_admin()
    qtbot.waitUntil(lambda: log.table.rowCount() > 0 and users.table.rowCount() == 5, timeout=TIMEOUT)
    # A rotation started just before the lock: its new recovery key waits for the unlock.
    users.confirm = lambda _question: True
    users.rotate_button.click()
    main.counter_session.lock_now()
    assert not log.isVisible() and not users.isVisible()
    failures: list[str] = []
    users.failed.connect(failures.append)
    qtbot.waitUntil(lambda: users.recovery_dialog is not None or bool(failures), timeout=60_000)
    assert not failures
    assert users.recovery_dialog is not None and not users.recovery_dialog.isVisible()
    dialog = main.counter_session.dialog
    dialog.password_edit.setText("demo-admin")
    with qtbot.waitSignal(main.counter_session.unlocked, timeout=TIMEOUT):
        dialog.ok_button.click()
    assert log.isVisible() and users.isVisible() and users.recovery_dialog.isVisible()
    users.recovery_dialog.close_button.click()
    main.counter_session.logout()
