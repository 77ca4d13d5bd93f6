"""Idle screen lock and clerk switch for the main window.

``CounterSession`` owns who is signed in. It watches the application's input events; after
``settings.IDLE_LOCK_MINUTES`` without any (0 turns the lock off) it hides the window's
content and shows a login dialog that only the same clerk or an admin can pass. Background
work (sync, the DB worker) goes on while locked: the key stays in memory, only the screen
is locked. ``switch_clerk()`` signs another clerk in without closing the application.

Wiring (desktop/main_window.py): create one after the window, pass the window; connect
``clerk_changed`` to refresh the title/status bar and the buttons the role allows; add menu
actions for ``lock_now`` (Ctrl+L), ``switch_clerk`` and call ``logout()`` in closeEvent.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from desktop.login import LoginDialog
from desktop.operations import Operations
from models.security import auth
from models.security.auth import ClerkSession
from models.security.vault import Credentials
from models.settings import IDLE_LOCK_MINUTES
from models.store import Store

logger = logging.getLogger(__name__)

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class CounterSession(QObject):
    clerk_changed = Signal(object)  # ClerkSession
    locked = Signal()
    unlocked = Signal()

    def __init__(self, store: Store, clerk: ClerkSession, window: QWidget, minutes: int | None = None) -> None:
        super().__init__(window)
        self.store = store
        self.clerk = clerk
        self.window = window
        self.dialog: LoginDialog | None = None
        self._hidden: QWidget | None = None
        self._hidden_windows: list[QWidget] = []
        # Audit records (lock, logout on switch) are DB writes: never on the GUI thread.
        self._ops = Operations(on_error=lambda exc: logger.error("audit record failed: %s", type(exc).__name__))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        self.set_idle_minutes(IDLE_LOCK_MINUTES.get(store.settings) if minutes is None else minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def is_locked(self) -> bool:
        return self._hidden is not None

    def set_idle_minutes(self, minutes: float) -> None:
        self.timer.stop()
        # Interval 0 means off: the event filter restarts the countdown only when it is > 0.
        self.timer.setInterval(int(minutes * 60_000) if minutes > 0 else 0)
        if minutes > 0:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and not self.is_locked and self.timer.interval() > 0:
            self.timer.start()  # restart the idle countdown
        return False

    # ---- lock ----

    def lock_now(self) -> None:
        if self.is_locked:
            return
        if self.dialog is not None:  # a clerk switch is open
            if self.dialog.busy:
                self.timer.start()  # its password is being checked: its answer comes first
                return
            self.dialog.reject()
            self.dialog.deleteLater()
            self.dialog = None
        self.timer.stop()
        store, clerk = self.store, self.clerk
        self._ops.run(lambda: auth.record_event(store, clerk, "lock"))
        content = self.window.centralWidget() if isinstance(self.window, QMainWindow) else None
        self._hidden = content or self.window
        if content is not None:
            content.setVisible(False)
        # Every other window of the counter leaves the screen too (case viewer, batch dialogs,
        # the customer screen, previews): nothing personal stays visible at an empty counter.
        self._hidden_windows = [
            w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not self.window and w.isWindow()
        ]
        for w in self._hidden_windows:
            w.hide()
        self.dialog = LoginDialog(
            self._try_unlock,
            title=self.tr("医保通办 — 已锁屏"),
            heading=self.tr("屏幕已锁定（{name}）。请本人或管理员输入密码解锁。").format(name=self.clerk.name),
            login=self.clerk.login,
            can_cancel=False,
            parent=self.window,
        )
        dialog = self.dialog
        dialog.accepted.connect(lambda: self._after_unlock(dialog))
        self.dialog.open()  # window-modal, not blocking: work behind it goes on
        self.locked.emit()

    def _try_unlock(self, credentials: Credentials) -> ClerkSession:
        return auth.unlock_screen(self.store, self.clerk, credentials.login or "", credentials.password or "")

    def _after_unlock(self, dialog: LoginDialog) -> None:
        who: ClerkSession = dialog.outcome
        dialog.deleteLater()
        self.dialog = None
        if self._hidden is not None and self._hidden is not self.window:
            self._hidden.setVisible(True)
        self._hidden = None
        for w in self._hidden_windows:
            w.show()
        self._hidden_windows = []
        if self.timer.interval() > 0:
            self.timer.start()
        if who != self.clerk:
            self.clerk = who
            self.clerk_changed.emit(who)
        self.unlocked.emit()

    # ---- switch and logout ----

    def switch_clerk(self) -> None:
        """Another clerk signs in; the application stays open."""
        from desktop.labels import roles_label

        self.dialog = LoginDialog(
            lambda c: auth.authenticate(self.store, c.login or "", c.password or "", purpose="switch"),
            title=self.tr("医保通办 — 切换经办人员"),
            heading=self.tr("当前：{name}（{role}）。请新经办人员登录。").format(
                name=self.clerk.name, role=roles_label(self.clerk)
            ),
            parent=self.window,
        )
        dialog = self.dialog
        dialog.accepted.connect(lambda: self._after_switch(dialog))
        self.dialog.open()

    def _after_switch(self, dialog: LoginDialog) -> None:
        who: ClerkSession = dialog.outcome
        dialog.deleteLater()
        self.dialog = None
        store, before = self.store, self.clerk
        self._ops.run(lambda: auth.record_event(store, before, "logout", {"switched_to": who.login}))
        self.clerk = who
        self.clerk_changed.emit(who)

    def logout(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()
        self._ops.shutdown()  # pending records first, in order
        auth.logout(self.store, self.clerk)  # at exit, before the store closes
