"""The login dialog: 登录名 + 密码, checked by a Qt-free callable, errors shown inline.

Used at start-up (``attempt`` unlocks the store and signs the clerk in), to unlock the idle
screen and to switch clerks (``attempt`` checks the password on the open store). The dialog
never pre-fills a password, not even in demo mode.

The check runs scrypt (32 MiB, ~0.1 s, more on a slow PC) and opens the database, so it runs
on a worker thread (desktop/operations.py), never on the GUI thread: the dialog shows a busy
bar and ignores further presses until the answer is delivered back on the GUI thread.

``reset`` (optional) adds the 忘记密码 path: the recovery key, the login and a new password
twice (``RecoveryResetDialog``), checked by ``models.security.clerks.reset_with_recovery_key``.

``restore`` (optional) adds 从备份恢复, shown once signing in failed because the database cannot
be opened (damaged): a backup file and an admin's password or the recovery key
(``RestoreBackupDialog``), checked and done by ``models.backup.restore_signed_in``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.messages import render
from desktop.operations import Operations
from models.errors import UserFacingError

if TYPE_CHECKING:  # the keyring's cryptography loads at the first sign-in, after this window is up
    from models.security.vault import Credentials

#: ``reset(recovery_key, login, new_password)``
ResetFn = Callable[[str, str, str], None]
#: ``restore(backup_file, credentials)``
RestoreFn = Callable[[Path, "Credentials"], Any]
#: Sign-in failures after which 从备份恢复 is offered: the database (or its key file) cannot be used.
RESTORE_OFFERED_FOR = ("db.corrupt", "db.unknown_schema", "auth.keyring_damaged")


class _WorkerDialog(QDialog):
    """A dialog whose check runs on its own worker thread, with a busy bar meanwhile."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._ops = Operations(on_error=self._unexpected)
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busy")
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.setVisible(False)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.finished.connect(lambda _result: self._ops.shutdown())  # idle by then: no wait

    @property
    def busy(self) -> bool:
        return self._ops.busy

    def _inputs(self) -> list[QWidget]:
        raise NotImplementedError

    def _set_busy(self, busy: bool, text: str = "") -> None:
        for widget in self._inputs():
            widget.setEnabled(not busy)
        self.busy_bar.setVisible(busy)
        self.message.setStyleSheet("color: #555" if busy else "color: #b00020")
        self.message.setText(text)

    def _unexpected(self, exc: BaseException) -> None:
        from desktop.errors import show_error

        self._set_busy(False)
        show_error(self, exc)

    def _failed(self, exc: BaseException) -> None:
        """The check said no (wrong password, weak password…): its message, and the secrets typed
        cleared for a new try; anything else is an internal error."""
        if not isinstance(exc, UserFacingError):
            self._unexpected(exc)
            return
        self._set_busy(False, render(exc))
        self._after_refusal()

    def _after_refusal(self) -> None:
        raise NotImplementedError

    # ---- closing: never while the check runs, nor at all when the dialog may not be cancelled ----

    _can_cancel = True
    #: Escape closes the dialog (a clerk switch, the recovery dialog), but never the start-up
    #: login: there only an explicit 退出 ends the program.
    _escape_cancels = True

    def reject(self) -> None:
        if self._can_cancel and not self.busy:
            super().reject()

    def _submit(self) -> None:
        raise NotImplementedError

    def _buttons_never_default(self, *buttons: QPushButton | None) -> None:
        """Only the submit button is ever the default: a button that got focus (e.g. while the
        inputs were disabled during a check) must not turn Enter into 取消/退出."""
        for button in buttons:
            if button is not None:
                button.setAutoDefault(False)
                button.setDefault(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt  # not at import: Qt's enums are built after the window is shown

        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Enter always means the dialog's own action (登录, 重置密码), whichever widget has
            # focus; a second Enter while the check runs is ignored by _submit.
            self._submit()
            return
        if key == Qt.Key.Key_Escape and (not self._can_cancel or self.busy or not self._escape_cancels):
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._can_cancel or self.busy:
            event.ignore()
            return
        super().closeEvent(event)


class LoginDialog(_WorkerDialog):
    """``attempt(credentials)`` returns whatever the caller needs (it is kept in ``outcome``)."""

    logged_in = Signal(object)
    #: The 忘记密码 path set a new password for this login.
    password_reset = Signal(str)

    def __init__(
        self,
        attempt: Callable[[Credentials], Any],
        *,
        title: str = "",
        heading: str = "",
        login: str = "",
        note: str = "",
        can_cancel: bool = True,
        quit_text: str = "",
        reset: ResetFn | None = None,
        restore: RestoreFn | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self._can_cancel = can_cancel
        # quit_text (退出): the start-up login, whose cancel button ends the program and is
        # the only way to: Escape does nothing there.
        self._escape_cancels = not quit_text
        self._reset = reset
        self._restore = restore
        self.reset_dialog: RecoveryResetDialog | None = None
        self.restore_dialog: RestoreBackupDialog | None = None
        self.outcome: Any = None
        self.setWindowTitle(title or self.tr("医保通办 — 登录"))
        self.setMinimumWidth(360)
        layout = QVBoxLayout(self)
        self._build_form(layout, heading, login, note)
        buttons = self._build_buttons(can_cancel, quit_text)
        layout.addWidget(buttons)
        self._wire(buttons)
        (self.password_edit if login else self.login_edit).setFocus()

    def _build_form(self, layout: QVBoxLayout, heading: str, login: str, note: str) -> None:
        """Heading, 登录名 and 密码, the busy bar, the message and the note."""
        self.heading = QLabel(heading or self.tr("请输入登录名和密码"))
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        form = QFormLayout()
        self.login_edit = QLineEdit(login)
        self.login_edit.setObjectName("login")
        self.login_edit.setMaxLength(32)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("登录名"), self.login_edit)
        form.addRow(self.tr("密码"), self.password_edit)
        layout.addLayout(form)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.message)
        if note:
            hint = QLabel(note)
            hint.setWordWrap(True)
            layout.addWidget(hint)

    def _build_buttons(self, can_cancel: bool, quit_text: str) -> QDialogButtonBox:
        """登录, then 取消/退出, 忘记密码 and 从备份恢复 where this dialog offers them."""
        buttons = QDialogButtonBox()
        self.ok_button: QPushButton = buttons.addButton(self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.cancel_button: QPushButton | None = None
        if can_cancel:
            self.cancel_button = buttons.addButton(quit_text or self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
            self.cancel_button.setObjectName("quit" if quit_text else "cancel")
        self.forgot_button: QPushButton | None = None
        if self._reset is not None:
            self.forgot_button = buttons.addButton(
                self.tr("忘记密码（用恢复密钥重置）"), QDialogButtonBox.ButtonRole.ResetRole
            )
            self.forgot_button.setObjectName("forgot")
        self.restore_button: QPushButton | None = None
        if self._restore is not None:
            self.restore_button = buttons.addButton(self.tr("从备份恢复…"), QDialogButtonBox.ButtonRole.ResetRole)
            self.restore_button.setObjectName("restore_backup")
            self.restore_button.setVisible(False)  # offered once the database turned out unusable
        self._buttons_never_default(self.cancel_button, self.forgot_button, self.restore_button)
        return buttons

    def _wire(self, buttons: QDialogButtonBox) -> None:
        if self.forgot_button is not None:
            self.forgot_button.clicked.connect(self.open_reset)
        if self.restore_button is not None:
            self.restore_button.clicked.connect(self.open_restore)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)

    def _inputs(self) -> list[QWidget]:
        widgets: list[QWidget] = [self.login_edit, self.password_edit, self.ok_button]
        return widgets + [b for b in (self.cancel_button, self.forgot_button, self.restore_button) if b is not None]

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        if self.restore_button is not None and isinstance(exc, UserFacingError) and exc.code in RESTORE_OFFERED_FOR:
            self.restore_button.setVisible(True)

    def _submit(self) -> None:
        self.try_login()

    def try_login(self) -> None:
        if self.busy:
            return
        login = self.login_edit.text().strip()
        if not login or not self.password_edit.text():
            self.message.setText(self.tr("请输入登录名和密码。"))
            return
        from models.security.vault import Credentials

        self._set_busy(True, self.tr("正在验证密码…"))
        # The partial holds the only reference to the password, until the worker is done with it.
        self._ops.run(
            partial(self._attempt, Credentials(login, self.password_edit.text())), self._succeeded, self._failed
        )

    def _succeeded(self, outcome: Any) -> None:
        self._set_busy(False)
        self.outcome = outcome
        self.password_edit.clear()
        self.logged_in.emit(outcome)
        self.accept()

    def _after_refusal(self) -> None:
        self.password_edit.clear()
        self.password_edit.setFocus()

    # ---- 忘记密码 ----

    def open_reset(self) -> None:
        if self._reset is None or self.busy:
            return
        self.reset_dialog = RecoveryResetDialog(self._reset, login=self.login_edit.text().strip(), parent=self)
        self.reset_dialog.password_reset.connect(self._after_reset)
        self.reset_dialog.open()

    def _after_reset(self, login: str) -> None:
        self.login_edit.setText(login)
        self.password_edit.clear()
        self.password_edit.setFocus()
        self.message.setStyleSheet("color: #1b5e20")
        self.message.setText(self.tr("{login} 的密码已重置，请用新密码登录。").format(login=login))
        self.password_reset.emit(login)

    # ---- 从备份恢复 ----

    def open_restore(self) -> None:
        if self._restore is None or self.busy:
            return
        self.restore_dialog = RestoreBackupDialog(self._restore, login=self.login_edit.text().strip(), parent=self)
        self.restore_dialog.restored.connect(self._after_restore)
        self.restore_dialog.open()

    def _after_restore(self) -> None:
        if self.restore_button is not None:
            self.restore_button.setVisible(False)
        self.password_edit.clear()
        self.password_edit.setFocus()
        self.message.setStyleSheet("color: #1b5e20")
        self.message.setText(self.tr("已从备份恢复（原数据库另存于 backups/），请登录。"))


class RestoreBackupDialog(_WorkerDialog):
    """备份文件 + an admin's 登录名 and 密码, or the 恢复密钥: the database cannot be opened."""

    restored = Signal()

    def __init__(self, restore: RestoreFn, *, login: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._restore = restore
        self.setWindowTitle(self.tr("医保通办 — 从备份恢复"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "数据库无法打开。请选择备份文件，并输入管理员的登录名和密码，或服务点的恢复密钥。"
                "当前数据库会先另存于 backups/。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("backup_file")
        self.browse_button = QPushButton(self.tr("选择…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file_edit)
        row.addWidget(self.browse_button)
        self.login_edit = QLineEdit(login)
        self.login_edit.setObjectName("login")
        self.login_edit.setMaxLength(32)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.recovery_edit = QLineEdit()
        self.recovery_edit.setObjectName("recovery_key")
        self.recovery_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.recovery_edit.setPlaceholderText(self.tr("不用密码时填写"))
        form.addRow(self.tr("备份文件"), row)
        form.addRow(self.tr("登录名"), self.login_edit)
        form.addRow(self.tr("密码"), self.password_edit)
        form.addRow(self.tr("或恢复密钥"), self.recovery_edit)
        layout.addLayout(form)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.ok_button: QPushButton = buttons.addButton(self.tr("恢复"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.cancel_button: QPushButton = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self._buttons_never_default(self.cancel_button, self.browse_button)
        buttons.accepted.connect(self.try_restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.file_edit.setFocus()

    def _inputs(self) -> list[QWidget]:
        return [
            self.file_edit,
            self.browse_button,
            self.login_edit,
            self.password_edit,
            self.recovery_edit,
            self.ok_button,
            self.cancel_button,
        ]

    def _submit(self) -> None:
        self.try_restore()

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), "", self.tr("备份文件 (*.zip)"))
        if chosen:
            self.file_edit.setText(chosen)

    def try_restore(self) -> None:
        if self.busy:
            return
        backup = self.file_edit.text().strip()
        recovery, login = self.recovery_edit.text().strip(), self.login_edit.text().strip()
        password = self.password_edit.text()
        if not backup or not (recovery or (login and password)):
            self.message.setText(self.tr("请选择备份文件，并填写管理员登录名和密码，或恢复密钥。"))
            return
        from models.security.vault import Credentials

        credentials = Credentials(recovery_key=recovery) if recovery else Credentials(login, password)
        self._set_busy(True, self.tr("正在校验备份并恢复…"))
        self._ops.run(partial(self._restore, Path(backup), credentials), lambda _info: self._succeeded(), self._failed)

    def _succeeded(self) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        self.recovery_edit.clear()
        self.restored.emit()
        self.accept()

    def _after_refusal(self) -> None:
        self.password_edit.clear()
        self.recovery_edit.clear()


class RecoveryResetDialog(_WorkerDialog):
    """恢复密钥 + 登录名 + 新密码 (twice): every password of a login is lost, even the admin's."""

    password_reset = Signal(str)

    def __init__(self, reset: ResetFn, *, login: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reset = reset
        self.setWindowTitle(self.tr("医保通办 — 用恢复密钥重置密码"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("请输入服务点设立时打印的恢复密钥、要重置的登录名和新密码。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.recovery_edit = QLineEdit()
        self.recovery_edit.setObjectName("recovery_key")
        self.recovery_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.recovery_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.login_edit = QLineEdit(login)
        self.login_edit.setObjectName("login")
        self.login_edit.setMaxLength(32)
        self.new_edit = QLineEdit()
        self.new_edit.setObjectName("new_password")
        self.new_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit = QLineEdit()
        self.again_edit.setObjectName("new_password_again")
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("恢复密钥"), self.recovery_edit)
        form.addRow(self.tr("登录名"), self.login_edit)
        form.addRow(self.tr("新密码"), self.new_edit)
        form.addRow(self.tr("再次输入新密码"), self.again_edit)
        layout.addLayout(form)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.ok_button: QPushButton = buttons.addButton(self.tr("重置密码"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.cancel_button: QPushButton = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self._buttons_never_default(self.cancel_button)
        buttons.accepted.connect(self.try_reset)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.recovery_edit.setFocus()

    def _inputs(self) -> list[QWidget]:
        return [self.recovery_edit, self.login_edit, self.new_edit, self.again_edit, self.ok_button, self.cancel_button]

    def _submit(self) -> None:
        self.try_reset()

    def try_reset(self) -> None:
        if self.busy:
            return
        recovery, login = self.recovery_edit.text().strip(), self.login_edit.text().strip()
        password = self.new_edit.text()
        if not recovery or not login or not password:
            self.message.setText(self.tr("请填写恢复密钥、登录名和新密码。"))
            return
        if password != self.again_edit.text():
            self._failed(UserFacingError("clerk.password_mismatch"))
            return
        reset = self._reset
        self._set_busy(True, self.tr("正在验证恢复密钥…"))
        self._ops.run(lambda: reset(recovery, login, password), lambda _none: self._succeeded(login), self._failed)

    def _succeeded(self, login: str) -> None:
        self._set_busy(False)
        for edit in (self.recovery_edit, self.new_edit, self.again_edit):
            edit.clear()
        self.password_reset.emit(login)
        self.accept()

    def _after_refusal(self) -> None:
        self.new_edit.clear()
        self.again_edit.clear()
