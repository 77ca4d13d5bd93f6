"""The login dialog and the idle screen lock, driven by keystrokes (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow

from desktop.app import make_login_dialog, prepare_station
from desktop.screen_lock import CounterSession
from models.paths import DataPaths


def _type(qtbot: object, dialog: object, login: str, password: str) -> None:
    dialog.login_edit.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.login_edit, login)  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.password_edit, password)  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def test_login_dialog_refuses_a_wrong_password_then_signs_in(qtbot: object, tongban_home: Path) -> None:
    paths = DataPaths(tongban_home)
    assert prepare_station(paths, demo=True)  # the recovery key of the new demo station
    dialog = make_login_dialog(paths, demo=True)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert dialog.login_edit.text() == "" and dialog.password_edit.text() == ""  # nothing pre-filled
    dialog.open()
    _type(qtbot, dialog, "shouli", "wrong-password")
    assert dialog.isVisible() and "登录名或密码不正确" in dialog.message.text()
    assert dialog.password_edit.text() == ""
    with qtbot.waitSignal(dialog.logged_in):  # type: ignore[attr-defined]
        _type(qtbot, dialog, "shouli", "demo-shouli")
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    store, clerk = dialog.outcome
    try:
        assert clerk.login == "shouli" and clerk.role.value == "受理员"
    finally:
        store.close()


def test_idle_lock_hides_the_counter_and_only_the_clerk_or_an_admin_unlocks(qtbot: object, tongban_home: Path) -> None:
    from models.security.auth import open_and_login
    from models.security.vault import Credentials

    paths = DataPaths(tongban_home)
    prepare_station(paths, demo=True)
    store, clerk = open_and_login(paths, Credentials("shouli", "demo-shouli"))
    window = QMainWindow()
    window.setCentralWidget(QLabel("柜台"))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    try:
        session = CounterSession(store, clerk, window, minutes=0.001)  # 60 ms of idleness
        with qtbot.waitSignal(session.locked, timeout=3000):  # type: ignore[attr-defined]
            pass
        assert session.is_locked and not window.centralWidget().isVisible()
        dialog = session.dialog
        assert dialog is not None and dialog.login_edit.text() == "shouli"
        _type(qtbot, dialog, "dayin", "demo-dayin")  # another, non-admin clerk
        assert session.is_locked and "只能由本人或管理员解锁" in dialog.message.text()
        _type(qtbot, dialog, "shouli", "not-my-password")
        assert session.is_locked and "登录名或密码不正确" in dialog.message.text()
        with qtbot.waitSignal(session.unlocked):  # type: ignore[attr-defined]
            _type(qtbot, dialog, "shouli", "demo-shouli")
        assert not session.is_locked and window.centralWidget().isVisible()
        assert session.dialog is None

        # Switch clerk without closing: the reviewer signs in.
        session.set_idle_minutes(0)
        session.switch_clerk()
        switch = session.dialog
        assert switch is not None
        with qtbot.waitSignal(session.clerk_changed) as changed:  # type: ignore[attr-defined]
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
