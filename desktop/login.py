"""The login dialog: 登录名 + 密码, checked by a Qt-free callable, errors shown inline.

Used at start-up (``attempt`` unlocks the store and signs the clerk in), to unlock the idle
screen and to switch clerks (``attempt`` checks the password on the open store). The dialog
never pre-fills a password, not even in demo mode.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.messages import render
from models.errors import UserFacingError
from models.security.vault import Credentials


class LoginDialog(QDialog):
    """``attempt(credentials)`` returns whatever the caller needs (it is kept in ``outcome``)."""

    logged_in = Signal(object)

    def __init__(
        self,
        attempt: Callable[[Credentials], Any],
        *,
        title: str = "医保通办 — 登录",
        heading: str = "请输入登录名和密码",
        login: str = "",
        note: str = "",
        can_cancel: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self._can_cancel = can_cancel
        self.outcome: Any = None
        self.setWindowTitle(title)
        self.setMinimumWidth(360)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(heading))
        form = QFormLayout()
        self.login_edit = QLineEdit(login)
        self.login_edit.setObjectName("login")
        self.login_edit.setMaxLength(32)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("登录名", self.login_edit)
        form.addRow("密码", self.password_edit)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        if note:
            hint = QLabel(note)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        buttons = QDialogButtonBox()
        self.ok_button: QPushButton = buttons.addButton("登录", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        if can_cancel:
            buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password_edit if login else self.login_edit).setFocus()

    def try_login(self) -> None:
        login = self.login_edit.text().strip()
        if not login or not self.password_edit.text():
            self.message.setText("请输入登录名和密码。")
            return
        credentials = Credentials(login, self.password_edit.text())
        try:
            self.outcome = self._attempt(credentials)
        except UserFacingError as exc:
            self.message.setText(render(exc))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        finally:
            credentials = Credentials()  # drop the reference to the password early
        self.password_edit.clear()
        self.logged_in.emit(self.outcome)
        self.accept()

    def reject(self) -> None:
        if self._can_cancel:
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not self._can_cancel:
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._can_cancel:
            event.ignore()
            return
        super().closeEvent(event)
