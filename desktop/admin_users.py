"""经办人员: the admin's window on the station's clerks (models/security/clerks.py, issue 9).

List, add, disable, reset a password, change a role, lift a lockout. Every core call runs on
the DB worker (desktop/operations.py): setting a password runs the memory-hard KDF, which
takes a noticeable moment. The core checks the 经办人员管理 permission again on every call.

Disabling a clerk who had a password rotates the station's data key right away, inside the
running counter, as ``tongban user disable`` does (docs/security.md "Administration in the
GUI"). Rotation needs SQLite's exclusive lock, so every connection of this process must be
closed: it runs as an exclusive op of the task manager (desktop/taskman.py: it waits until no
other op or database-using task of this process runs, and none starts until it is over),
refuses while a sync run is going, and ``clerks.rotate_key`` reopens the shared ``Database``
(held by the case desk, the intake, the print service …) on the new key. If
the lock still cannot be had (another counter or command has the station open) the clerk stays
disabled, the window says so, and 更换数据密钥 retries. The new recovery key is shown once, in a
dialog with 打印 (a PDF from printing/recovery_key.py through the usual print preview, so the
print is logged and audited); its text is selectable for copying by hand and is cleared when the
dialog closes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import error_text
from desktop.labels import role_label, roles_label, shown
from desktop.operations import Operations
from desktop.print_service import PreviewDialog, PrintJob, PrintService
from desktop.screen_fit import start_size
from models import clock
from models.enums import ClerkRole
from models.errors import UserFacingError
from models.permissions import Permission, clerk_may
from models.progress import Progress, ProgressFn, ProgressThrottle, no_progress
from models.security import clerks
from models.security.rotation import RotationResult
from models.station_setup import current_station
from models.store import Store
from widgets.record_table import Column, RecordTable
from widgets.styles import ERROR_STYLE, OK_STYLE
from widgets.vscroll import VerticalScrollArea

if TYPE_CHECKING:
    from models.security.auth import ClerkSession

logger = logging.getLogger(__name__)



@dataclass(frozen=True)
class RotationOutcome:
    result: RotationResult
    station_name: str
    station_code: str
    made_by: str
    at: dt.datetime


@dataclass(frozen=True)
class DisableOutcome:
    login: str
    rotation: RotationOutcome | None
    #: The rotation failed after the clerk was disabled (shown; 更换数据密钥 retries).
    rotation_error: BaseException | None = None


def rotate_in_app(
    store: Store, actor: ClerkSession | None, *, reason: str, progress: ProgressFn = no_progress
) -> RotationResult:
    """``clerks.rotate_key`` from inside the running counter: run it as an **exclusive** op
    (``Operations.run(..., exclusive=True)``), so that no other op of this process holds a
    connection (the task manager has drained its DB queue and its pool tasks that use the
    database). ``rotate_key`` reopens ``store.db`` in place on the new key, so every screen holding
    that object carries on. ``rotation_busy`` now means another program has the station open."""
    return clerks.rotate_key(store, actor, reason=reason, progress=progress)


def rotation_outcome(
    store: Store, actor: ClerkSession | None, reason: str, progress: ProgressFn = no_progress
) -> RotationOutcome:
    result = rotate_in_app(store, actor, reason=reason, progress=progress)
    with store.db.read() as session:
        station = current_station(session)
        name, code = (station.name, station.code) if station else ("", "")
    return RotationOutcome(result, name, code, actor.login if actor else "", clock.now())


class SyncGate(Protocol):
    """What the clerk window needs of the sync controller (desktop/sync_controller.py)."""

    def hold(self) -> bool: ...
    def release(self) -> None: ...


class _NoSync:
    def hold(self) -> bool:
        return True

    def release(self) -> None:
        pass


class ClerkAdminWindow(QWidget):
    """经办人员 for 管理员. ``confirm`` may be replaced (tests: no modal question)."""

    clerks_loaded = Signal(list)  # [ClerkInfo]
    succeeded = Signal(str)  # the message shown
    failed = Signal(str)
    rotated = Signal(object)  # RotationOutcome
    rotation_progress = Signal(int, int, str)  # emitted on the DB worker, delivered on the GUI thread

    def __init__(
        self,
        store: Store,
        ops: Operations,
        clerk: ClerkSession | None,
        printer: PrintService,
        *,
        sync: SyncGate | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store, self.ops, self.clerk, self.printer = store, ops, clerk, printer
        self.sync: SyncGate = sync or _NoSync()
        self.confirm: Callable[[str], bool] = self._ask
        self.rows: list[clerks.ClerkInfo] = []
        self.recovery_dialog: RecoveryKeyDialog | None = None
        self._pending = 0
        self.setWindowTitle(self.tr("经办人员"))
        headers = [self.tr("登录名"), self.tr("姓名"), self.tr("角色"), self.tr("状态"), self.tr("锁定")]
        self.table = RecordTable([Column(n, title) for n, title in enumerate(headers)])
        add_group = self._build_add_group()
        edit_group = self._build_edit_group()
        note = self._build_key_row()
        self._build_layout(add_group, edit_group, note)
        self._wire()
        start_size(self, 1100, 620)
        self.set_clerk(clerk)

    def _build_add_group(self) -> QGroupBox:
        """新增经办人员."""
        self.login_edit = QLineEdit()
        self.name_edit = QLineEdit()
        self.role_box = self._role_box()
        self.extra_roles = RoleChecks()
        self.password_edit = _password_edit()
        self.again_edit = _password_edit()
        self.add_button = QPushButton(self.tr("新增"))
        self.add_message = _message_label()
        add_form = QFormLayout()
        add_form.addRow(self.tr("登录名"), self.login_edit)
        add_form.addRow(self.tr("姓名"), self.name_edit)
        add_form.addRow(self.tr("角色"), self.role_box)
        add_form.addRow(self.tr("兼任"), self.extra_roles)
        add_form.addRow(self.tr("密码"), self.password_edit)
        add_form.addRow(self.tr("再次输入密码"), self.again_edit)
        add_form.addRow(self.add_button)
        add_form.addRow(self.add_message)
        add_group = QGroupBox(self.tr("新增经办人员"))
        add_group.setLayout(add_form)
        return add_group

    def _build_edit_group(self) -> QGroupBox:
        """选中的经办人员: role, password, unlock, disable."""
        self.selected_label = QLabel(self.tr("请在左侧选择一名经办人员。"))
        self.new_role_box = self._role_box()
        self.new_extra_roles = RoleChecks()
        self.role_button = QPushButton(self.tr("修改角色"))
        self.new_password_edit = _password_edit()
        self.new_again_edit = _password_edit()
        self.reset_button = QPushButton(self.tr("重置密码"))
        self.unlock_button = QPushButton(self.tr("解除锁定"))
        self.disable_button = QPushButton(self.tr("停用…"))
        self.selected_message = _message_label()
        role_row = QHBoxLayout()
        role_row.addWidget(self.new_role_box, 1)
        role_row.addWidget(self.role_button)
        edit_form = QFormLayout()
        edit_form.addRow(self.selected_label)
        edit_form.addRow(self.tr("角色"), role_row)
        edit_form.addRow(self.tr("兼任"), self.new_extra_roles)
        edit_form.addRow(self.tr("新密码"), self.new_password_edit)
        edit_form.addRow(self.tr("再次输入新密码"), self.new_again_edit)
        edit_form.addRow(self.reset_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.disable_button)
        edit_form.addRow(buttons)
        edit_form.addRow(self.selected_message)
        edit_group = QGroupBox(self.tr("选中的经办人员"))
        edit_group.setLayout(edit_form)
        return edit_group

    def _build_key_row(self) -> QLabel:
        """数据密钥: the rotate button, its note, the progress bar and status line."""
        self.rotate_button = QPushButton(self.tr("更换数据密钥…"))
        note = QLabel(
            self.tr(
                "停用有密码的经办人员时，随即更换数据密钥（重新加密数据库和材料文件）并显示新的恢复密钥。"
                "更换期间请勿关闭程序；正在同步时不能更换；本机其他柜台程序和命令须先关闭。"
            )
        )
        note.setWordWrap(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setVisible(False)
        self.status = _message_label()
        return note

    def _build_layout(self, add_group: QGroupBox, edit_group: QGroupBox, note: QLabel) -> None:
        # The two forms scroll on a short screen (1024×768 in 特大字号); the window stays on it.
        side_panel = QWidget()
        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(add_group)
        side.addWidget(edit_group)
        side.addStretch(1)
        side_scroll = VerticalScrollArea(side_panel)
        top = QHBoxLayout()
        top.addWidget(self.table, 3)
        top.addWidget(side_scroll, 2)
        key_row = QHBoxLayout()
        key_row.addWidget(note, 1)
        key_row.addWidget(self.rotate_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(key_row)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.status)

    def _wire(self) -> None:
        self.table.selection_changed.connect(self._selected)
        self.add_button.clicked.connect(self.add)
        self.role_button.clicked.connect(self.change_role)
        self.reset_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(self.unlock)
        self.disable_button.clicked.connect(self.disable)
        self.rotate_button.clicked.connect(self.rotate)
        self.rotation_progress.connect(self._show_progress)

    # --- who ------------------------------------------------------------------------------

    @property
    def may_admin(self) -> bool:
        return clerk_may(self.clerk, Permission.USER_ADMIN)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def set_clerk(self, clerk: ClerkSession | None) -> None:
        self.clerk = clerk
        self.rows = []
        self.table.clear()
        self._update_buttons()
        self.refresh()

    def selected_login(self) -> str | None:
        record = self.table.selected_record()
        return None if record is None else str(record[0])

    # --- data -----------------------------------------------------------------------------

    def refresh(self) -> None:
        store, actor = self.store, self.clerk
        self._run(lambda: clerks.list_clerks(store, actor), self._show_rows, self.status)

    def _show_rows(self, rows: list[clerks.ClerkInfo]) -> None:
        keep = self.selected_login()
        self.rows = rows
        shown = []
        for info in rows:
            state = self.tr("在用") if info.active else self.tr("已停用")
            if info.active and not info.has_password:
                state += self.tr("，未设密码")
            shown.append((info.login, info.name, roles_label(info), state, self.tr("已锁定") if info.locked else ""))
        # The same clerk stays selected without a "selection changed": the message about what was
        # just done to them stays on screen.
        self.table.blockSignals(True)
        self.table.set_rows(shown)
        kept = keep is not None and self.table.select_where(lambda row: row[0] == keep)
        self.table.blockSignals(False)
        if keep is not None and not kept:
            self._selected()
        self._update_buttons()
        self.clerks_loaded.emit(rows)

    def _selected(self) -> None:
        login = self.selected_login()
        info = next((r for r in self.rows if r.login == login), None)
        if info is not None:
            self.selected_label.setText(self.tr("选中：{login}（{name}）").format(login=info.login, name=info.name))
            self.new_role_box.setCurrentIndex(max(self.new_role_box.findData(info.role), 0))
            self.new_extra_roles.set_roles(info.roles[1:])
        self.selected_message.clear()
        self._update_buttons()

    # --- actions --------------------------------------------------------------------------

    def add(self) -> None:
        login, name = self.login_edit.text().strip(), self.name_edit.text().strip()
        role = ClerkRole(self.role_box.currentData())
        extra = self.extra_roles.roles()
        password = self.password_edit.text()
        if password != self.again_edit.text():
            self._show(self.add_message, error_text(UserFacingError("clerk.password_mismatch")) or "", ok=False)
            return
        store, actor = self.store, self.clerk

        def done(_: object) -> None:
            for edit in (self.login_edit, self.name_edit, self.password_edit, self.again_edit):
                edit.clear()
            self.extra_roles.set_roles(())
            text = self.tr("已新增经办人员 {login}（{role}）。").format(login=login, role=roles_label([role, *extra]))
            self._done(self.add_message, text)

        self._run(lambda: clerks.add_clerk(store, actor, login, name, role, password, extra), done, self.add_message)

    def reset_password(self) -> None:
        login = self.selected_login()
        if login is None:
            return
        password = self.new_password_edit.text()
        if password != self.new_again_edit.text():
            self._show(self.selected_message, error_text(UserFacingError("clerk.password_mismatch")) or "", ok=False)
            return
        store, actor = self.store, self.clerk

        def done(_: object) -> None:
            self.new_password_edit.clear()
            self.new_again_edit.clear()
            self._done(self.selected_message, self.tr("已重置 {login} 的密码。").format(login=login))

        self._run(
            lambda: clerks.reset_password(store, actor, login, password, via="admin"), done, self.selected_message
        )

    def change_role(self) -> None:
        login = self.selected_login()
        if login is None:
            return
        roles = list(dict.fromkeys([ClerkRole(self.new_role_box.currentData()), *self.new_extra_roles.roles()]))
        store, actor = self.store, self.clerk
        self._run(
            lambda: clerks.set_roles(store, actor, login, roles),
            lambda _: self._done(
                self.selected_message,
                self.tr("已将 {login} 的角色改为{role}。").format(login=login, role=roles_label(roles)),
            ),
            self.selected_message,
        )

    def unlock(self) -> None:
        login = self.selected_login()
        if login is None:
            return
        store, actor = self.store, self.clerk
        self._run(
            lambda: clerks.unlock_clerk(store, actor, login),
            lambda _: self._done(self.selected_message, self.tr("已解除 {login} 的锁定。").format(login=login)),
            self.selected_message,
        )

    def disable(self) -> None:
        login = self.selected_login()
        if login is None:
            return
        # No sync run may start from the question until the rotation is over (automatic ones
        # included): the rotation swaps the files a run would be reading and writing.
        if not self.sync.hold():
            self._show(self.selected_message, error_text(UserFacingError("sync_center.busy")) or "", ok=False)
            return
        question = self.tr(
            "停用经办人员 {login}？停用后其密码不能再打开本服务点的数据；若其设有密码，将随即更换数据密钥。"
        ).format(login=login)
        if not self.confirm(question):
            self.sync.release()
            return
        store, actor, progress = self.store, self.clerk, self._progress_fn()

        def op() -> DisableOutcome:
            had_slot = clerks.disable_clerk(store, actor, login)
            if not had_slot:
                return DisableOutcome(login, None)
            try:
                return DisableOutcome(login, rotation_outcome(store, actor, "disable", progress))
            except Exception as exc:  # the clerk is disabled all the same: say so, and let 更换 retry
                return DisableOutcome(login, None, exc)

        self.status.setText(self.tr("正在停用并更换数据密钥，请稍候…"))
        self._run(op, self._disabled, self.selected_message, exclusive=True, after=self.sync.release)

    def _disabled(self, outcome: DisableOutcome) -> None:
        text = self.tr("已停用经办人员 {login}。").format(login=outcome.login)
        if outcome.rotation_error is not None:
            reason = error_text(outcome.rotation_error) or ""
            self._show(
                self.selected_message,
                self.tr("{done}未能更换数据密钥：{reason} 请稍后点击“更换数据密钥”重试。").format(
                    done=text, reason=reason
                ),
                ok=False,
            )
            self.status.clear()
            self.refresh()
            return
        self._done(self.selected_message, text)
        if outcome.rotation is not None:
            self._rotated(outcome.rotation)

    def rotate(self) -> None:
        if not self.sync.hold():
            self._show(self.status, error_text(UserFacingError("sync_center.busy")) or "", ok=False)
            return
        if not self.confirm(self.tr("更换数据密钥？将重新加密数据库和材料文件，并生成新的恢复密钥，旧恢复密钥作废。")):
            self.sync.release()
            return
        store, actor, progress = self.store, self.clerk, self._progress_fn()
        self.status.setText(self.tr("正在更换数据密钥，请稍候…"))
        self._run(
            lambda: rotation_outcome(store, actor, "manual", progress),
            self._rotated,
            self.status,
            exclusive=True,
            after=self.sync.release,
        )

    def _rotated(self, outcome: RotationOutcome) -> None:
        result = outcome.result
        self._show(
            self.status,
            self.tr("已更换数据密钥（{key_id}）：重新加密材料文件 {files} 个，数据库副本 {copies} 个。").format(
                key_id=result.key_id, files=result.media_files, copies=result.database_copies
            ),
            ok=True,
        )
        self.recovery_dialog = RecoveryKeyDialog(outcome, self.printer, self)
        # Hidden (the screen locked, or the window closed during a long rotation): the key is
        # shown when this window is shown again, never on a locked screen.
        if self.isVisible():
            self.recovery_dialog.show()
        self.rotated.emit(outcome)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        dialog = self.recovery_dialog
        if dialog is not None and dialog.key_edit.text() and not dialog.isVisible():
            dialog.show()

    # --- plumbing -------------------------------------------------------------------------

    def _progress_fn(self) -> ProgressFn:
        signal = self.rotation_progress

        def progress(step: Progress) -> None:
            signal.emit(step.done, step.total or 0, step.label)

        return ProgressThrottle(phases=True).wrap(progress)  # at most ~10 a second

    def _show_progress(self, done: int, total: int, label: str) -> None:
        self.busy_bar.setRange(0, max(total, 1))
        self.busy_bar.setValue(done)
        self.busy_bar.setFormat(shown("RotationStep", label) + " %v/%m")

    def _run(
        self,
        op: Callable[[], Any],
        success: Callable[[Any], None],
        label: QLabel,
        *,
        exclusive: bool = False,
        after: Callable[[], None] | None = None,
    ) -> None:
        """``op`` on the DB executor (``exclusive``: alone, once the queue has drained, see
        desktop/taskman.py); ``after`` runs once it is over, whatever the outcome."""
        label.clear()
        self._pending += 1
        self._update_buttons()

        def ok(result: Any) -> None:
            self._finished(after)
            success(result)

        def failed(exc: BaseException) -> None:
            self._finished(after)
            text = error_text(exc)
            if text is not None:
                self._show(label, text, ok=False)
                self.failed.emit(text)

        if self.ops.run(op, ok, failed, exclusive=exclusive).cancelled():
            self._finished(after)  # the main window is closing: the DB worker has stopped

    def _finished(self, after: Callable[[], None] | None = None) -> None:
        self._pending -= 1
        self._update_buttons()
        if after is not None:
            after()

    def _done(self, label: QLabel, text: str) -> None:
        self._show(label, text, ok=True)
        self.succeeded.emit(text)
        self.refresh()

    def _show(self, label: QLabel, text: str, *, ok: bool) -> None:
        label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        label.setText(text)

    def _update_buttons(self) -> None:
        idle, ok = not self.busy, self.may_admin
        chosen = next((r for r in self.rows if r.login == self.selected_login()), None)
        self.add_button.setEnabled(idle and ok)
        self.rotate_button.setEnabled(idle and ok)
        for button in (self.role_button, self.reset_button, self.disable_button):
            button.setEnabled(idle and ok and chosen is not None and chosen.active)
        self.unlock_button.setEnabled(idle and ok and chosen is not None and chosen.locked)
        self.busy_bar.setVisible(not idle)
        if not idle:
            self.busy_bar.setRange(0, 0)  # busy until the first progress step

    def _role_box(self) -> QComboBox:
        box = QComboBox()
        for role in ClerkRole:
            box.addItem(role_label(role.value), role.value)
        return box

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("经办人员"), question)
        return answer == QMessageBox.StandardButton.Yes


class RoleChecks(QWidget):
    """Further roles the same login holds (a one-person village station: 受理员 + 打印员 + 同步员)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[ClerkRole, QCheckBox] = {}
        for role in ClerkRole:
            box = QCheckBox(role_label(role.value))
            row.addWidget(box)
            self.boxes[role] = box
        row.addStretch(1)

    def roles(self) -> list[ClerkRole]:
        return [role for role, box in self.boxes.items() if box.isChecked()]

    def set_roles(self, roles: Iterable[object]) -> None:
        wanted = {ClerkRole(str(getattr(r, "value", r))) for r in roles}
        for role, box in self.boxes.items():
            box.setChecked(role in wanted)


class RecoveryKeyDialog(QDialog):
    """The new recovery key, once: selectable text and 打印; cleared when the dialog closes."""

    def __init__(self, outcome: RotationOutcome, printer: PrintService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        self.printer = printer
        self.preview: PreviewDialog | None = None
        self.setWindowTitle(self.tr("新的恢复密钥"))
        self.setModal(False)
        self._build()
        self._wire()

    def _build(self) -> None:
        result = self.outcome.result
        warning = QLabel(
            self.tr(
                "新的恢复密钥只显示这一次，请打印或抄写后放入服务点保险柜，旧恢复密钥已作废。"
                "此前的备份文件仍用旧密钥加密：请新做一次备份，并按规定销毁或封存旧备份。"
            )
        )
        warning.setWordWrap(True)
        self.key_edit = QLineEdit(result.recovery_key)
        self.key_edit.setReadOnly(True)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(15)
        self.key_edit.setFont(font)
        self.key_edit.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(self.key_edit)
        if result.damaged_files:
            layout.addWidget(
                QLabel(
                    self.tr("有 {n} 个材料文件已损坏，未能重新加密，请联系技术支持检查数据（深度检查）。").format(
                        n=len(result.damaged_files)
                    )
                )
            )
        if result.need_password_reset:
            layout.addWidget(
                QLabel(
                    self.tr("以下经办人员需由管理员重置密码后才能登录：{names}").format(
                        names="、".join(result.need_password_reset)
                    )
                )
            )
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("打印…"))
        self.close_button = QPushButton(self.tr("已妥善保存，关闭"))
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    def _wire(self) -> None:
        self.print_button.clicked.connect(self.print_key)
        self.close_button.clicked.connect(self.accept)
        self.finished.connect(self._forget)

    def render_pdf(self) -> bytes:
        from printing.recovery_key import RecoveryKeyData, render_recovery_key

        o = self.outcome
        data = RecoveryKeyData(
            o.station_name,
            o.station_code,
            o.result.key_id,
            o.at.astimezone(clock.CHINA),
            o.made_by,
            o.result.recovery_key,
        )
        return render_recovery_key(data)

    def print_key(self) -> PreviewDialog:
        job = PrintJob("recovery_key", self.tr("恢复密钥"), self.render_pdf())
        self.preview = PreviewDialog(job, self.printer, self)
        self.preview.setModal(False)
        self.preview.show()
        return self.preview

    def _forget(self, _code: int) -> None:
        """The key leaves the screen with the dialog (Python's string lives on until collected)."""
        self.key_edit.clear()
        if self.preview is not None:
            self.preview.close()
            self.preview = None


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label
