"""The login dialog and the idle screen lock, driven by keystrokes (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import make_login_dialog, prepare_station
from desktop.login import LoginDialog, RecoveryResetDialog
from desktop.screen_lock import CounterSession
from models.paths import DataPaths


def _type(qtbot: QtBot, dialog: LoginDialog, login: str, password: str) -> None:
    dialog.login_edit.clear()
    qtbot.keyClicks(dialog.login_edit, login)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    # The check runs on a worker thread; the answer comes back through the event loop.
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)


def test_login_dialog_refuses_a_wrong_password_then_signs_in(qtbot: QtBot, tongban_home: Path) -> None:
    paths = DataPaths(tongban_home)
    assert prepare_station(paths, demo=True)  # the recovery key of the new demo station
    dialog = make_login_dialog(paths, demo=True)
    qtbot.addWidget(dialog)
    assert dialog.login_edit.text() == "" and dialog.password_edit.text() == ""  # nothing pre-filled
    dialog.open()
    _type(qtbot, dialog, "shouli", "wrong-password")
    assert dialog.isVisible() and "登录名或密码不正确" in dialog.message.text()
    assert dialog.password_edit.text() == ""
    with qtbot.waitSignal(dialog.logged_in):
        _type(qtbot, dialog, "shouli", "demo-shouli")
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    store, clerk = dialog.outcome
    try:
        assert clerk.login == "shouli" and clerk.role.value == "受理员"
    finally:
        store.close()


def test_idle_lock_hides_the_counter_and_only_the_clerk_or_an_admin_unlocks(qtbot: QtBot, tongban_home: Path) -> None:
    from models.security.auth import open_and_login
    from models.security.vault import Credentials

    paths = DataPaths(tongban_home)
    prepare_station(paths, demo=True)
    store, clerk = open_and_login(paths, Credentials("shouli", "demo-shouli"))
    window = QMainWindow()
    window.setCentralWidget(QLabel("柜台"))
    qtbot.addWidget(window)
    window.show()
    viewer = QLabel("材料页面")  # another top-level window of the counter (e.g. the page viewer)
    qtbot.addWidget(viewer)
    viewer.show()
    try:
        session = CounterSession(store, clerk, window, minutes=0.001)  # 60 ms of idleness
        with qtbot.waitSignal(session.locked, timeout=3000):
            pass
        assert session.is_locked and not window.centralWidget().isVisible()
        assert not viewer.isVisible()  # nothing personal stays on screen
        dialog = session.dialog
        assert dialog is not None and dialog.login_edit.text() == "shouli"
        _type(qtbot, dialog, "dayin", "demo-dayin")  # another, non-admin clerk
        assert session.is_locked and "只能由本人或管理员解锁" in dialog.message.text()
        _type(qtbot, dialog, "shouli", "not-my-password")
        assert session.is_locked and "登录名或密码不正确" in dialog.message.text()
        with qtbot.waitSignal(session.unlocked):
            _type(qtbot, dialog, "shouli", "demo-shouli")
        assert not session.is_locked and window.centralWidget().isVisible()
        assert session.dialog is None and viewer.isVisible()

        # Switch clerk without closing: the reviewer signs in.
        session.set_idle_minutes(0)
        session.switch_clerk()
        switch = session.dialog
        assert switch is not None
        with qtbot.waitSignal(session.clerk_changed) as changed:
            _type(qtbot, switch, "shenhe", "demo-shenhe")
        assert changed.args[0].login == "shenhe" and session.clerk.role.value == "审核员"
        session.logout()
        from models import audit

        with store.db.read() as s:
            actions = [e.action for e in audit.entries(s, limit=10)]
            assert audit.verify(s).ok
        assert {"lock", "unlock_refused", "unlock_failed", "unlock", "switch", "logout"} <= set(actions)
    finally:
        store.close()


def test_password_check_runs_off_the_gui_thread_which_keeps_ticking(qtbot: QtBot, tongban_home: Path) -> None:
    import threading

    from PySide6.QtCore import QTimer

    paths = DataPaths(tongban_home)
    prepare_station(paths, demo=True)
    seen: list[str] = []
    gui_thread = threading.current_thread().name
    real = make_login_dialog(paths, demo=True)._attempt  # open_and_login on the demo station

    def attempt(credentials: object) -> object:
        seen.append(threading.current_thread().name)
        return real(credentials)

    dialog = make_login_dialog(paths, demo=True)
    dialog._attempt = attempt
    qtbot.addWidget(dialog)
    dialog.open()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    dialog.login_edit.setText("shouli")
    dialog.password_edit.setText("demo-shouli")
    with qtbot.waitSignal(dialog.logged_in, timeout=20_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        # The click returned at once: the dialog is busy, its inputs are off, the bar shows.
        assert dialog.busy and not dialog.ok_button.isEnabled() and not dialog.password_edit.isEnabled()
        assert dialog.busy_bar.isVisibleTo(dialog) and "正在验证" in dialog.message.text()
        started = len(ticks)
    timer.stop()
    store, clerk = dialog.outcome
    store.close()
    assert clerk.login == "shouli"
    assert seen and seen[0] != gui_thread  # scrypt and the database opened on the worker
    # open_and_login (scrypt + opening the database) takes well over 50 ms: the GUI thread kept
    # serving the 10 ms timer meanwhile (blocked, it would have fired once at most).
    assert len(ticks) - started >= 3, (started, len(ticks))


def test_forgotten_password_is_reset_with_the_recovery_key_from_the_login_dialog(
    qtbot: QtBot, tongban_home: Path
) -> None:
    paths = DataPaths(tongban_home)
    recovery = prepare_station(paths, demo=True)
    assert recovery
    dialog = make_login_dialog(paths, demo=True)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.login_edit.setText("shenhe")
    assert dialog.forgot_button is not None
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    reset = dialog.reset_dialog
    assert reset is not None and reset.isVisible() and reset.login_edit.text() == "shenhe"

    def fill(key: str, new: str, again: str) -> None:
        reset.recovery_edit.clear()
        qtbot.keyClicks(reset.recovery_edit, key)
        reset.new_edit.clear()
        qtbot.keyClicks(reset.new_edit, new)
        reset.again_edit.clear()
        qtbot.keyClicks(reset.again_edit, again)
        qtbot.mouseClick(reset.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not reset.busy, timeout=20_000)

    fill(recovery, "new-shenhe-pw", "new-shenhe-typo")
    assert reset.isVisible() and "两次输入的新密码不一致" in reset.message.text()
    fill("AAAA-" * 7 + "AAAA", "new-shenhe-pw", "new-shenhe-pw")
    assert reset.isVisible() and "恢复密钥不正确" in reset.message.text()
    fill(recovery.lower(), "short", "short")
    assert reset.isVisible() and "密码至少需要" in reset.message.text()
    with qtbot.waitSignal(dialog.password_reset, timeout=20_000):
        fill(recovery.lower(), "new-shenhe-pw", "new-shenhe-pw")  # typed in lower case: accepted
    assert not reset.isVisible() and "已重置" in dialog.message.text()
    _type(qtbot, dialog, "shenhe", "demo-shenhe")  # the old password no longer works
    assert dialog.isVisible() and "登录名或密码不正确" in dialog.message.text()
    with qtbot.waitSignal(dialog.logged_in, timeout=20_000):
        _type(qtbot, dialog, "shenhe", "new-shenhe-pw")
    store, clerk = dialog.outcome
    try:
        assert clerk.login == "shenhe"
        from models import audit

        with store.db.read() as s:
            resets = audit.entries(s, action="clerk.reset_password")
            assert resets and resets[0].target == "clerk:shenhe" and resets[0].clerk_login is None
            assert '"via":"recovery_key"' in resets[0].detail
    finally:
        store.close()


def test_a_corrupt_database_is_restored_from_the_login_window(
    qtbot: object, tongban_home: Path, tmp_path: Path
) -> None:
    """Issue 17 item 2: a damaged database ends in 从备份恢复 in the login window, not a traceback."""
    from models.backup import create_backup
    from models.security.setup import ensure_demo

    paths = DataPaths(tongban_home)
    store, _recovery, _summary = ensure_demo(paths)
    try:
        backup = create_backup(paths, tmp_path / "out").path
    finally:
        store.close()
    paths.database.write_bytes(b"\x00damaged" * 4096)
    for suffix in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + suffix).unlink(missing_ok=True)
    dialog = make_login_dialog(paths, demo=True)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.open()
    assert dialog.restore_button is not None and not dialog.restore_button.isVisible()
    _type(qtbot, dialog, "admin", "demo-admin")
    assert dialog.isVisible() and "数据库文件已损坏" in dialog.message.text()
    assert dialog.restore_button.isVisible()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    restore = dialog.restore_dialog
    assert restore is not None and restore.isVisible() and restore.login_edit.text() == "admin"

    def fill(login: str, password: str) -> None:
        restore.file_edit.setText(str(backup))
        restore.login_edit.setText(login)
        qtbot.keyClicks(restore.password_edit, password)  # type: ignore[attr-defined]
        qtbot.mouseClick(restore.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: not restore.busy, timeout=60_000)  # type: ignore[attr-defined]

    fill("dayin", "demo-dayin")  # a 打印员 may not restore
    assert restore.isVisible() and "无权" in restore.message.text()
    with qtbot.waitSignal(restore.restored, timeout=60_000):  # type: ignore[attr-defined]
        fill("admin", "demo-admin")
    assert not restore.isVisible() and "已从备份恢复" in dialog.message.text()
    assert list(paths.backups.glob("tongban-pre-restore-*.sqlite3"))
    with qtbot.waitSignal(dialog.logged_in, timeout=20_000):  # type: ignore[attr-defined]
        _type(qtbot, dialog, "admin", "demo-admin")
    store, _clerk = dialog.outcome
    try:
        from models import audit

        with store.db.read() as s:
            assert audit.entries(s, action="backup.restore")
    finally:
        store.close()


def _enter(qtbot: QtBot, dialog: LoginDialog | RecoveryResetDialog, widget: QWidget) -> None:
    """Enter pressed with ``widget`` focused, as a clerk's keyboard sends it; the check's answer
    comes back through the event loop."""
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)


def test_enter_always_means_login_and_only_quit_ends_the_start_up_login(qtbot: QtBot, tongban_home: Path) -> None:
    paths = DataPaths(tongban_home)
    prepare_station(paths, demo=True)
    dialog = make_login_dialog(paths, demo=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.cancel_button is not None and dialog.cancel_button.text() == "退出"
    assert dialog.forgot_button is not None
    qtbot.keyClicks(dialog.login_edit, "shouli")
    qtbot.keyClicks(dialog.password_edit, "wrong-password")
    _enter(qtbot, dialog, dialog.password_edit)
    assert dialog.isVisible() and "登录名或密码不正确" in dialog.message.text()
    # Whichever button focus landed on while the check ran, Enter is 登录, never 退出 or 忘记密码.
    for button in (dialog.cancel_button, dialog.forgot_button):
        assert not button.autoDefault() and not button.isDefault()
        qtbot.keyClicks(dialog.password_edit, "still-wrong")
        _enter(qtbot, dialog, button)
        assert dialog.isVisible() and dialog.reset_dialog is None
        assert "登录名或密码不正确" in dialog.message.text() and dialog.password_edit.text() == ""
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # Escape does not end the program either
    qtbot.keyClicks(dialog.password_edit, "demo-shouli")
    with qtbot.waitSignal(dialog.logged_in, timeout=20_000):
        _enter(qtbot, dialog, dialog.password_edit)
    assert dialog.result() == QDialog.DialogCode.Accepted
    store, clerk = dialog.outcome
    store.close()
    assert clerk.login == "shouli"

    quitting = make_login_dialog(paths, demo=True)
    qtbot.addWidget(quitting)
    quitting.show()
    qtbot.mouseClick(quitting.cancel_button, Qt.MouseButton.LeftButton)
    assert quitting.result() == QDialog.DialogCode.Rejected  # 退出: the explicit way out


def test_enter_unlocks_the_screen_lock_after_a_wrong_password(qtbot: QtBot, tongban_home: Path) -> None:
    from models.security.auth import open_and_login
    from models.security.vault import Credentials

    paths = DataPaths(tongban_home)
    prepare_station(paths, demo=True)
    store, clerk = open_and_login(paths, Credentials("shouli", "demo-shouli"))
    window = QMainWindow()
    window.setCentralWidget(QLabel("柜台"))
    qtbot.addWidget(window)
    window.show()
    try:
        session = CounterSession(store, clerk, window, minutes=0)
        session.lock_now()
        dialog = session.dialog
        assert dialog is not None
        qtbot.keyClicks(dialog.password_edit, "not-my-password")
        _enter(qtbot, dialog, dialog.password_edit)
        assert session.is_locked and "登录名或密码不正确" in dialog.message.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert session.is_locked and dialog.isVisible()
        qtbot.keyClicks(dialog.password_edit, "demo-shouli")
        with qtbot.waitSignal(session.unlocked, timeout=20_000):
            _enter(qtbot, dialog, dialog.ok_button)
        assert not session.is_locked
        session.logout()
    finally:
        store.close()


def test_enter_in_the_recovery_dialog_resets_after_a_refusal(qtbot: QtBot, tongban_home: Path) -> None:
    paths = DataPaths(tongban_home)
    recovery = prepare_station(paths, demo=True)
    assert recovery
    dialog = make_login_dialog(paths, demo=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.login_edit.setText("shenhe")
    dialog.open_reset()
    reset = dialog.reset_dialog
    assert reset is not None and not reset.cancel_button.autoDefault()
    qtbot.keyClicks(reset.recovery_edit, "AAAA-" * 7 + "AAAA")
    qtbot.keyClicks(reset.new_edit, "new-shenhe-pw")
    qtbot.keyClicks(reset.again_edit, "new-shenhe-pw")
    _enter(qtbot, reset, reset.again_edit)
    assert reset.isVisible() and "恢复密钥不正确" in reset.message.text()
    reset.recovery_edit.clear()
    qtbot.keyClicks(reset.recovery_edit, recovery)
    qtbot.keyClicks(reset.new_edit, "new-shenhe-pw")
    qtbot.keyClicks(reset.again_edit, "new-shenhe-pw")
    with qtbot.waitSignal(dialog.password_reset, timeout=20_000):
        _enter(qtbot, reset, reset.cancel_button)  # focus on 取消, Enter still means 重置密码
    assert not reset.isVisible() and dialog.isVisible()
