"""审计日志: the admin's window on the hash-chained audit log (models/audit.py, issue 9).

Not modal: the counter stays usable. Rows, the chain check and the export run on the DB worker
(desktop/operations.py); the core checks the 查看审计日志 permission again on every call, so a
clerk without it sees the core's refusal, not an empty table. The export goes through
``models.audit.export_file``, as ``tongban audit export`` does, and is itself audited. The log
holds no personal data in clear (ID numbers only masked), so the window shows it as it is.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desktop.errors import error_text
from desktop.labels import role_label
from desktop.operations import Operations
from models import audit, clock
from models.db import Database
from models.orm import AuditEntry
from models.permissions import Permission, clerk_may, require
from widgets.record_table import Column, RecordTable
from widgets.styles import ERROR_STYLE, OK_STYLE

if TYPE_CHECKING:
    from models.security.auth import ClerkSession

logger = logging.getLogger(__name__)

#: Rows per page; 更多 loads the next page (newest first).
PAGE = 200



@dataclass(frozen=True)
class AuditFilter:
    clerk: str | None = None  # a login
    action: str | None = None  # a prefix: case. / login / clerk.
    since: dt.date | None = None  # local (China) date, inclusive


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: str  # local time
    clerk: str
    role: str
    action: str
    target: str
    detail: str


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    more: bool  # older entries match too
    clerks: list[str]  # every login in the log, for the filter


def load_page(db: Database, actor: ClerkSession | None, filt: AuditFilter, limit: int) -> AuditPage:
    """On the DB worker: the newest ``limit`` entries matching ``filt``."""
    require(actor, Permission.AUDIT_VIEW)
    since = dt.datetime.combine(filt.since, dt.time(), tzinfo=clock.CHINA) if filt.since else None
    with db.read() as session:
        found = audit.entries(session, clerk_login=filt.clerk, action=filt.action, since=since, limit=limit + 1)
        rows = [_row(e) for e in found[:limit]]
        logins = session.scalars(
            select(AuditEntry.clerk_login)
            .where(AuditEntry.clerk_login.is_not(None))
            .distinct()
            .order_by(AuditEntry.clerk_login)
        ).all()
    return AuditPage(rows, len(found) > limit, [str(x) for x in logins])


def verify_log(db: Database, actor: ClerkSession | None) -> audit.VerifyReport:
    require(actor, Permission.AUDIT_VIEW)
    with db.read() as session:
        return audit.verify(session)


def export_log(db: Database, actor: ClerkSession | None, out: Path, fmt: str) -> int:
    """The same path as ``tongban audit export``: the file and its audit entry in one transaction."""
    with db.write() as session:
        return audit.export_file(session, out, clerk=actor, fmt=fmt)


def _row(entry: Any) -> AuditRow:
    detail = json.loads(entry.detail or "{}")
    text = "，".join(f"{k}={v}" for k, v in detail.items()) if isinstance(detail, dict) else str(detail)
    return AuditRow(
        entry.seq,
        audit.clock_local(entry.at),
        entry.clerk_login or "",
        entry.clerk_role or "",
        entry.action,
        entry.target,
        text,
    )


#: Where the export goes: (parent, suggested path, format) -> the chosen path or None (cancelled).
ExportChooser = Callable[[QWidget, Path, str], Path | None]


def ask_export_path(parent: QWidget, suggested: Path, fmt: str) -> Path | None:
    pattern = "CSV (*.csv)" if fmt == "csv" else "JSON (*.json)"
    caption = QCoreApplication.translate("AuditLogWindow", "导出审计日志")
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), pattern)
    return Path(name) if name else None


class AuditLogWindow(QWidget):
    """审计日志 for 管理员. ``choose_export_path`` may be replaced (tests: no file dialog)."""

    rows_loaded = Signal(object)  # AuditPage
    verified = Signal(object)  # VerifyReport
    exported = Signal(int)  # entries written
    failed = Signal(str)  # the message shown

    def __init__(
        self,
        db: Database,
        ops: Operations,
        clerk: ClerkSession | None,
        exports_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db, self.ops, self.clerk, self.exports_dir = db, ops, clerk, exports_dir
        self.choose_export_path: ExportChooser = ask_export_path
        self.limit = PAGE
        self.page: AuditPage | None = None
        self.setWindowTitle(self.tr("审计日志"))
        filters = self._build_filters()
        self._build_table()
        actions = self._build_actions()
        self._build_layout(filters, actions)
        self._wire()
        self.resize(1100, 640)
        self.set_clerk(clerk)

    def _build_filters(self) -> QHBoxLayout:
        """经办人, 操作 (prefix), 起始日期 and 查询."""
        self.clerk_box = QComboBox()
        self.clerk_box.addItem(self.tr("全部经办人"), None)
        self.action_edit = QLineEdit()
        self.action_edit.setPlaceholderText(self.tr("操作（前缀），如 case. 或 login"))
        self.since_check = QCheckBox(self.tr("起始日期"))
        self.since_edit = QDateEdit(QDate.currentDate().addDays(-30))
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("yyyy-MM-dd")
        self.since_edit.setEnabled(False)
        self.search_button = QPushButton(self.tr("查询"))
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("经办人")))
        filters.addWidget(self.clerk_box)
        filters.addWidget(QLabel(self.tr("操作")))
        filters.addWidget(self.action_edit, 1)
        filters.addWidget(self.since_check)
        filters.addWidget(self.since_edit)
        filters.addWidget(self.search_button)
        return filters

    def _build_table(self) -> None:
        headers = [
            self.tr("序号"),
            self.tr("时间"),
            self.tr("经办人"),
            self.tr("角色"),
            self.tr("操作"),
            self.tr("对象"),
            self.tr("详情"),
        ]
        # seq sorts as a number; the newest first as loaded until the clerk sorts
        self.table = RecordTable(
            [Column(n, title, align_right=n == 0, sort_key=int if n == 0 else None) for n, title in enumerate(headers)]
        )

    def _build_actions(self) -> QHBoxLayout:
        """更多, 校验 and 导出 under the table."""
        self.count_label = QLabel()
        self.more_button = QPushButton(self.tr("更多"))
        self.verify_button = QPushButton(self.tr("校验"))
        self.format_box = QComboBox()
        self.format_box.addItem("CSV", "csv")
        self.format_box.addItem("JSON", "json")
        self.export_button = QPushButton(self.tr("导出…"))
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.more_button)
        actions.addWidget(self.verify_button)
        actions.addWidget(self.format_box)
        actions.addWidget(self.export_button)
        return actions

    def _build_layout(self, filters: QHBoxLayout, actions: QHBoxLayout) -> None:
        self.verify_label = QLabel()
        self.verify_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.verify_label)
        layout.addWidget(self.message)

    def _wire(self) -> None:
        self.action_edit.returnPressed.connect(self.search)
        self.since_check.toggled.connect(self.since_edit.setEnabled)
        self.search_button.clicked.connect(self.search)
        self.more_button.clicked.connect(self.load_more)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.export)

    # --- who ------------------------------------------------------------------------------

    @property
    def may_view(self) -> bool:
        return clerk_may(self.clerk, Permission.AUDIT_VIEW)

    def set_clerk(self, clerk: ClerkSession | None) -> None:
        """After a clerk switch: reload as the new clerk (the core refuses one who may not)."""
        self.clerk = clerk
        for widget in (self.more_button, self.verify_button, self.export_button, self.search_button):
            widget.setEnabled(self.may_view)
        self._show_page(AuditPage([], False, []))  # what the previous clerk saw goes first
        self.verify_label.clear()
        self.search()

    # --- loading --------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        since = self.since_edit.date().toPython() if self.since_check.isChecked() else None
        return AuditFilter(
            self.clerk_box.currentData() or None,
            self.action_edit.text().strip() or None,
            since if isinstance(since, dt.date) else None,
        )

    def search(self) -> None:
        self.message.clear()
        self.limit = PAGE
        self._load()

    def load_more(self) -> None:
        self.limit += PAGE
        self._load()

    def _load(self) -> None:
        db, actor, filt, limit = self.db, self.clerk, self.current_filter(), self.limit
        self._run(lambda: load_page(db, actor, filt, limit), self._show_page_loaded)

    def _show_page_loaded(self, page: AuditPage) -> None:
        self._show_page(page)
        self.rows_loaded.emit(page)

    def _show_page(self, page: AuditPage) -> None:
        self.page = page
        self.table.set_rows([
            (str(row.seq), row.at, row.clerk or self.tr("系统"), role_label(row.role), row.action, row.target,
             row.detail)
            for row in page.rows
        ])
        current = self.clerk_box.currentData()
        known = [self.clerk_box.itemData(i) for i in range(1, self.clerk_box.count())]
        if page.clerks and page.clerks != known:
            self.clerk_box.blockSignals(True)
            while self.clerk_box.count() > 1:
                self.clerk_box.removeItem(1)
            for login in page.clerks:
                self.clerk_box.addItem(login, login)
            index = self.clerk_box.findData(current) if current else 0
            self.clerk_box.setCurrentIndex(max(index, 0))
            self.clerk_box.blockSignals(False)
        if page.more:
            self.count_label.setText(self.tr("显示最新 {n} 条（还有更早的记录）").format(n=len(page.rows)))
        else:
            self.count_label.setText(self.tr("共 {n} 条").format(n=len(page.rows)))
        self.more_button.setEnabled(self.may_view and page.more)

    # --- verify and export ----------------------------------------------------------------

    def verify(self) -> None:
        db, actor = self.db, self.clerk
        self.verify_label.setText(self.tr("正在校验…"))
        self.verify_label.setStyleSheet("")
        self._run(lambda: verify_log(db, actor), self._show_report)

    def _show_report(self, report: audit.VerifyReport) -> None:
        if report.ok:
            self.verify_label.setStyleSheet(OK_STYLE)
            self.verify_label.setText(
                self.tr("审计日志完整：共 {n} 条，最新第 {seq} 条，哈希 {hash}…").format(
                    n=report.entries, seq=report.head_seq, hash=report.head_hash[:16]
                )
            )
        else:
            first = report.problems[0]
            self.verify_label.setStyleSheet(ERROR_STYLE)
            self.verify_label.setText(
                self.tr("审计日志校验未通过：发现 {n} 处问题，第一处：第 {seq} 条审计记录{kind}。").format(
                    n=len(report.problems), seq=first.seq, kind=self._kind(first.kind)
                )
            )
            self._select_seq(first.seq)
        self.verified.emit(report)

    def _kind(self, kind: str) -> str:
        return {
            "edited": self.tr("内容被修改"),
            "missing": self.tr("被删除（序号缺失）"),
            "reordered": self.tr("顺序被调换"),
            "chain_broken": self.tr("链接断开（前一条被删除或替换）"),
            "truncated": self.tr("最新的记录被删除"),
        }.get(kind, kind)

    def _select_seq(self, seq: int) -> None:
        self.table.select_where(lambda row: row[0] == str(seq))

    def export(self) -> None:
        fmt = str(self.format_box.currentData())
        suggested = self.exports_dir / f"audit-{clock.now().strftime('%Y%m%dT%H%M%S')}.{fmt}"
        out = self.choose_export_path(self, suggested, fmt)
        if out is None:
            return
        db, actor = self.db, self.clerk

        def done(count: int) -> None:
            self.message.setStyleSheet(OK_STYLE)
            self.message.setText(self.tr("已导出 {n} 条审计记录：{path}").format(n=count, path=out))
            self.exported.emit(count)
            self.limit = PAGE
            self._load()  # the export is in the log now

        self._run(lambda: export_log(db, actor, out, fmt), done)

    # --- plumbing -------------------------------------------------------------------------

    def _run(self, op: Callable[[], Any], success: Callable[[Any], None]) -> None:
        try:
            self.ops.run(op, success, self._failed)
        except RuntimeError:  # the main window is closing and the DB worker has stopped
            logger.debug("audit window: DB worker stopped")

    def _failed(self, exc: BaseException) -> None:
        text = error_text(exc)
        if text is None:
            return
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self.verify_label.clear()
        self.failed.emit(text)
